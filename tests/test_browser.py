"""Real-browser test: `streamlit run app.py` + headless Chromium over every page, in both languages.

Fails (does not skip) when Chromium is missing. Screenshots go to tests/artifacts/ (gitignored).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
# url path, expected text in Chinese, expected text in English
PAGES = [
    ("", "新型工业化·区域政策比较", "New industrialization: regional policy comparison"),
    ("Regional_scorecard", "地区成绩单", "Regional scorecard"),
    ("Slogans_and_strategies", "口号与战略", "Slogans and strategies"),
    ("Target_tracking", "目标", "arget"),
    ("Document_reader", "文档阅读器", "Document reader"),
]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, bundled_store):
    port = _free_port()
    data = tmp_path_factory.mktemp("browser_data")
    shutil.copytree(bundled_store, data / "store")
    env = {**os.environ, "APP_HOSTED": "1", "APP_DATA": str(data)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), f"Chromium is required for the browser test: {CHROMIUM} not found"
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


def wait_idle(page, timeout: float = 60) -> None:
    """Wait until the script has finished: no running status widget, no spinner, app rendered."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout * 1000)
    deadline = time.time() + timeout
    quiet_since = None
    while time.time() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count() + page.locator(
            '[data-testid="stSpinner"]').count()
        has_title = page.locator("h1").count() > 0
        if not running and has_title:
            quiet_since = quiet_since or time.time()
            if time.time() - quiet_since > 1.5:  # stays quiet (charts and reruns settle)
                return
        else:
            quiet_since = None
        time.sleep(0.25)
    raise AssertionError("the app kept running")


def check_page(page, expected: str) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 0, errors.first.inner_text()
    assert expected in page.locator("h1").first.inner_text()


def set_language(page, label: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_text(label, exact=True).click()
    time.sleep(0.5)
    wait_idle(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_renders_in_the_browser(server, browser, lang):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(server + "/", wait_until="domcontentloaded")
        wait_idle(page)
        if lang == "en":
            set_language(page, "English")
        for path, zh, en in PAGES:
            # navigate through the sidebar menu (translated page links) so the session is kept
            links = page.locator('[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]')
            assert links.count() == len(PAGES)
            link = links.nth([p for p, _, _ in PAGES].index(path))
            assert (link.get_attribute("href") or "").rstrip("/").endswith(path)
            assert link.inner_text().strip()  # labelled, in the current language
            link.click()
            time.sleep(0.5)
            wait_idle(page)
            check_page(page, zh if lang == "zh" else en)
            page.screenshot(path=str(ARTIFACTS / f"{path or 'Home'}_{lang}.png"), full_page=True)
            if path == "Regional_scorecard":  # the comparable-measures chart is on the second tab
                page.get_by_role("tab").nth(1).click()
                time.sleep(0.5)
                wait_idle(page)
                page.screenshot(path=str(ARTIFACTS / f"{path}_chart_{lang}.png"), full_page=True)
            if path in ("", "Regional_scorecard", "Slogans_and_strategies"):
                charts = page.locator('[data-testid="stVegaLiteChart"]:visible')
                assert charts.count() > 0
                for i in range(charts.count()):  # every visible chart drew marks
                    charts.nth(i).scroll_into_view_if_needed()
                    charts.nth(i).locator("canvas, svg").first.wait_for(timeout=15000)
    finally:
        context.close()


def test_reader_opens_at_an_offset_from_the_url(server, browser, seed_docs):
    doc = seed_docs["002"]
    fig = doc.figures[0]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{server}/Document_reader?doc={doc.doc_id}&start={fig.start}", wait_until="domcontentloaded")
        wait_idle(page)
        check_page(page, "文档阅读器")
        focus = page.locator("mark#focus")
        assert focus.count() == 1
        assert focus.inner_text() == doc.clean[fig.start:fig.end]
        page.screenshot(path=str(ARTIFACTS / "Document_reader_focus.png"))
    finally:
        context.close()
