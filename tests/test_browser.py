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


# ---------------------------------------------------------------- share links (issue 9)

def test_a_shared_link_restores_the_view_and_reader_links_stay_in_the_tab(server, browser):
    """A scorecard URL with regions, tab and language opens that view; a table row opens the reader
    in the same tab (same session: the language stays) at the figure."""
    from urllib.parse import quote
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        url = (f"{server}/Regional_scorecard?lang=en&score_regions={quote('威海市')}"
               f"&score_regions={quote('聊城市')}&score_tab=ranks")
        page.goto(url, wait_until="domcontentloaded")
        wait_idle(page)
        check_page(page, "Regional scorecard")
        tags = page.locator('[data-testid="stMultiSelect"]').first.locator('[data-testid="stMultiSelectTagsContainer"] [data-tag]')
        assert tags.all_inner_texts() == ["Weihai", "Liaocheng"]
        assert page.locator('[role="tab"][aria-selected="true"]').all_inner_texts() == ["Rank claims"]
        page.screenshot(path=str(ARTIFACTS / "share_link_scorecard_en.png"))
        grid = page.locator('[data-testid="stDataFrame"]:visible').first
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 12, box["y"] + 35 + 17)  # the first row's selection box
        time.sleep(0.5)
        wait_idle(page)
        page.get_by_text("Open the selected row in the reader").click()
        time.sleep(1)
        wait_idle(page)
        assert len(context.pages) == 1  # no new tab, so no new session
        assert "/Document_reader?doc=" in page.url and "lang=en" in page.url
        check_page(page, "Document reader")
        assert page.locator("mark#focus").count() == 1
    finally:
        context.close()


# ---------------------------------------------------------------- hostile input (issue 11)

@pytest.fixture(scope="module")
def canary():
    """An HTTP server on 127.0.0.1 that counts every request: the app must never make the browser
    fetch a URL planted in a document, a file name, a form or the page URL."""
    import http.server
    import threading
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        do_POST = do_HEAD = do_GET

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", hits
    srv.shutdown()


def _crafted_document(c: str) -> bytes:
    return (f"威海市召开新闻发布会。\n"
            f"力争到2030年全市新增规上工业企业100家 ![t]({c}/target.png) [领取]({c}/target-link) {c}/auto。\n"
            f"实施“435”工程：“4”即四大集群![m]({c}/meaning4.png)；“3”即三大平台[官网]({c}/meaning3)；“5”即五项行动。\n"
            f"推进“1+4+N”体系：“1”即一个中心![n]({c}/n1.png)；“4”即四大板块；“N”即N个项目。\n"
            f"<p>力争到2030年新增智能工厂12家 ![s]({c}/smart.png)<img src=\"{c}/html.png\"></p>"
            f"<script>fetch(\"{c}/script\")</script>\n"
            f"<a title=\"</textarea><img src={c}/attr.png>\">链接</a>\n"
            f"=HYPERLINK(\"{c}/csv\",\"点击\")，$x$ :red[红色] <{c}/angle>\n").encode("utf-8")


def _planted(page, c: str) -> list[str]:
    """Elements whose loading or linking attributes (src, href, srcset, action, data, poster, style
    url(…)) hold the canary URL: an image, a link, a frame… (a title or aria-label is only text)."""
    return page.evaluate("""c => [...document.querySelectorAll('*')].filter(el =>
        [...el.attributes].some(a => a.value.includes(c) && (/^(src|srcset|href|xlink:href|action|formaction|data|poster|background)$/i.test(a.name)
                                                              || (a.name === 'style' && a.value.includes('url(')))))
        .map(el => el.outerHTML.slice(0, 200))""", c)


def _choose(page, testid: str, label_part: str, text: str) -> None:
    """Type into a select box / multiselect (found by its label) and take the first match."""
    box = page.locator(f'[data-testid="{testid}"]').filter(has_text=label_part).first
    box.scroll_into_view_if_needed()
    box.locator("input").first.click()
    page.keyboard.type(text)
    time.sleep(0.3)
    page.keyboard.press("Enter")
    time.sleep(0.5)
    wait_idle(page)


def _open_expanders(page) -> None:
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        summary.scroll_into_view_if_needed()
        summary.click()
        time.sleep(0.2)
    wait_idle(page)


def test_planted_urls_are_never_fetched(server, browser, canary):
    c, hits = canary
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    checked = []

    def check(where: str, *shown: str) -> None:
        """No exception, nothing planted in a loading/linking attribute, and the planted strings
        ``shown`` on the page as text (tables draw on a canvas, so they are not looked for)."""
        time.sleep(1.0)
        assert page.locator('[data-testid="stException"]').count() == 0, where
        assert not _planted(page, c), (where, _planted(page, c))
        text = page.evaluate("document.body.innerText").replace("\u2060", "")  # word joiners in URLs
        (ARTIFACTS / f"hostile_{where.replace(' ', '_')}.txt").write_text(text, encoding="utf-8")
        for s in shown:  # a tuple: any one of them
            options = (s,) if isinstance(s, str) else s
            assert any(o.format(c=c) in text for o in options), (where, s, text[-3000:])
        checked.append(where)

    try:
        # a crafted URL opens the reader in a fresh session: the unknown doc is reflected as text
        page.goto(f"{server}/Document_reader?doc=x%20![r]({c}/url.png)%20[领取]({c}/url-link)",
                  wait_until="domcontentloaded")
        wait_idle(page)
        assert "![r]" in page.locator('[data-testid="stAlert"]').first.inner_text()
        check("reader url", "![r]({c}/url.png)", "[领取]({c}/url-link)")

        page.goto(server + "/", wait_until="domcontentloaded")
        wait_idle(page)
        page.locator('[data-testid="stExpander"] summary').first.click()
        uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
        uploader.set_input_files([
            {"name": f"![f]({c}/name.png).txt", "mimeType": "text/plain", "buffer": b"\x89PNG\r\n\x1a\n" + bytes(64)},
            {"name": "crafted.txt", "mimeType": "text/plain", "buffer": _crafted_document(c)},
        ])
        time.sleep(1.0)
        wait_idle(page)
        assert page.locator('[data-testid="stAlertContentError"]').count() == 1   # the PNG, by its name
        assert "![f]" in page.locator('[data-testid="stAlertContentError"]').first.inner_text()
        check("home upload", "![f]({c}/name.png).txt")
        # correct the crafted document's region with a planted image
        region = page.locator('[data-testid="stTextInput"]').filter(has_text="地区").locator("input").first
        region.fill(f"威海市![r]({c}/region.png)")
        page.get_by_role("button", name="保存").click()
        time.sleep(1.0)
        wait_idle(page)
        check("home corrected")

        for path in ("Regional_scorecard", "Slogans_and_strategies", "Target_tracking", "Document_reader"):
            page.locator(f'[data-testid="stSidebar"] a[href$="{path}"]').click()
            time.sleep(0.5)
            wait_idle(page)
            if path == "Regional_scorecard":
                for i in range(page.get_by_role("tab").count()):
                    page.get_by_role("tab").nth(i).click()
                    time.sleep(0.3)
                    wait_idle(page)
                check("scorecard")
            elif path == "Slogans_and_strategies":
                _choose(page, "stMultiSelect", "地区", "威海市![r]")
                _open_expanders(page)
                check("slogans", "威海市![r]({c}/region.png)", ("[n]({c}/n1.png)", "[m]({c}/meaning4.png)"))  # ! -> ！ after Han
            elif path == "Target_tracking":
                _choose(page, "stMultiSelect", "地区", "威海市![r]")
                _open_expanders(page)
                check("targets", "威海市![r]({c}/region.png)", ("[t]({c}/target.png)", "[s]({c}/smart.png)"))
            else:
                _choose(page, "stSelectbox", "文档", "crafted")
                check("reader", "威海市![r]({c}/region.png)", "[m]({c}/meaning4.png)")
        page.screenshot(path=str(ARTIFACTS / "hostile_reader.png"), full_page=True)
        time.sleep(2.0)  # anything loaded lazily would have arrived by now
        assert hits == [], hits
        assert checked == ["reader url", "home upload", "home corrected", "scorecard", "slogans", "targets", "reader"]
    finally:
        context.close()


# ---------------------------------------------------------------- slide-ready charts (issue 9)

CHART_WIDTHS = """() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const box = main.getBoundingClientRect(), cs = getComputedStyle(main);
  const left = box.left + parseFloat(cs.paddingLeft), right = box.right - parseFloat(cs.paddingRight);
  const charts = [];
  for (const el of document.querySelectorAll(
      '[data-testid="stVegaLiteChart"] .vega-embed, [data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg.marks')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0) charts.push({what: el.tagName + '.' + el.className, left: r.left, right: r.right, width: r.width});
  }
  return {column: right - left, left, right, charts};
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_chart_is_wider_than_the_main_column_at_1280(server, browser, lang):
    """At 1280×800 every chart of every page (and every scorecard tab) stays inside the main column."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    checked = 0
    try:
        page.goto(server + "/", wait_until="domcontentloaded")
        wait_idle(page)
        if lang == "en":
            set_language(page, "English")
        for i, (path, zh, en) in enumerate(PAGES):
            page.locator('[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]').nth(i).click()
            time.sleep(0.5)
            wait_idle(page)
            check_page(page, zh if lang == "zh" else en)
            tabs = page.get_by_role("tab")
            for tab in range(max(tabs.count(), 1)):
                if tabs.count():
                    tabs.nth(tab).click()
                    time.sleep(0.3)
                    wait_idle(page)
                for chart in page.locator('[data-testid="stVegaLiteChart"]:visible').all():
                    chart.scroll_into_view_if_needed()
                    chart.locator("canvas, svg").first.wait_for(timeout=15000)
                m = page.evaluate(CHART_WIDTHS)
                wide = [c for c in m["charts"] if c["width"] > m["column"] + 1 or c["right"] > m["right"] + 1
                        or c["left"] < m["left"] - 1]
                assert not wide, (path, tab, m["column"], wide)
                checked += len(m["charts"])
            page.screenshot(path=str(ARTIFACTS / f"fit1280_{path or 'Home'}_{lang}.png"))
        assert checked >= 8  # the heat map, comparison and time series, trees, directions, vocabulary, status
    finally:
        context.close()


def test_deck_download_holds_the_pinned_and_shown_charts(server, browser):
    """Pin a chart on one page, download the deck on another: a real .pptx with both charts, their
    sources, and the scorecard table."""
    import io
    from pptx import Presentation
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(server + "/Slogans_and_strategies", wait_until="domcontentloaded")
        wait_idle(page)
        pins = page.get_by_text("加入幻灯片", exact=True)
        pins.nth(3).wait_for(timeout=90000)   # the four charts of the page are drawn (slow on a busy machine)
        assert pins.count() == 4
        pins.nth(2).click()  # the directions matrix
        time.sleep(0.5)
        wait_idle(page)
        page.locator('[data-testid="stSidebar"] a[href$="Target_tracking"]').click()
        time.sleep(0.5)
        wait_idle(page)
        with page.expect_download(timeout=120000) as download:
            page.get_by_role("button", name="下载幻灯片（PPTX）").click()
        path = ARTIFACTS / "deck_zh.pptx"
        download.value.save_as(str(path))
        deck = Presentation(io.BytesIO(path.read_bytes()))
        slides = list(deck.slides)
        texts = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides]
        assert "各地区战略方向提及次数" in texts[1] and "目标进展状态（按地区）" in texts[2]
        for slide, text in zip(slides[1:3], texts[1:3]):
            assert sum(s.shape_type == 13 for s in slide.shapes) == 1  # the chart picture
            assert "来源" in text and "方法：" in text and "nan" not in text
        tables = [shape.table for slide in slides[3:] for shape in slide.shapes if shape.has_table]
        assert tables and any(c.text == "聊城市" for c in tables[0].rows[0].cells)
        # in English the table slides are English too (the deck is built when clicked, off the page's run)
        set_language(page, "English")
        with page.expect_download(timeout=120000) as download:
            page.get_by_role("button", name="Download slides (PPTX)").click()
        path = ARTIFACTS / "deck_en.pptx"
        download.value.save_as(str(path))
        slides = list(Presentation(io.BytesIO(path.read_bytes())).slides)
        table_slides = [slide for slide in slides if any(shape.has_table for shape in slide.shapes)]
        text = "\n".join(s.text_frame.text for slide in table_slides for s in slide.shapes if s.has_text_frame)
        heads = [c.text for slide in table_slides for shape in slide.shapes if shape.has_table
                 for c in shape.table.rows[0].cells]
        assert table_slides and "Liaocheng" in heads and "Source" in text and "来源" not in text
    finally:
        context.close()
