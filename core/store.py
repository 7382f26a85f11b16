"""User-entered actual values in an embedded SQLite database (stdlib ``sqlite3``).

* Path: ``ActualsStore(path)``; ``None`` -> env ``APP_DB_PATH`` -> ``data/app.sqlite3`` in the project. ``":memory:"``
  gives a private in-memory database (tests, and one per visitor in hosted mode).
* WAL journal for file databases; every write runs in one transaction (``with conn:``).
* CSV export/import: the import checks every row first and raises ``StoreImportError`` (row
  number + reason) without writing anything when any row is bad; rows identical to stored ones
  are skipped, so importing the same file twice adds nothing.
* A damaged file is set aside as ``<path>.damaged-<UTC time>`` and a fresh database started
  (``ActualsStore.take_notice`` tells the caller); nothing is overwritten or deleted.
"""
from __future__ import annotations

import csv
import io
import logging
import math
import os
import re
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

import pandas as pd

from core.csv_safe import restore, safe_row

log = logging.getLogger(__name__)
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "app.sqlite3"
ENV_PATH = "APP_DB_PATH"
SCHEMA_VERSION = 1
MEASURES = ("level", "growth", "share", "difference", "rank", "count_new", "progress")
FIELDS = ("region", "indicator_id", "indicator", "measure", "value", "unit", "period", "note")
CSV_COLUMNS = ("id",) + FIELDS + ("created_at",)
REQUIRED = ("region", "indicator", "value")
MAX_TEXT = 500

SCHEMA = """
CREATE TABLE IF NOT EXISTS actuals (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    region       TEXT    NOT NULL CHECK (length(region) > 0),
    indicator_id TEXT,
    indicator    TEXT    NOT NULL CHECK (length(indicator) > 0),
    measure      TEXT,
    value        REAL    NOT NULL,
    unit         TEXT    NOT NULL DEFAULT '',
    period       TEXT,
    note         TEXT,
    created_at   TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS actuals_region_indicator ON actuals (region, indicator);
"""


class StoreError(ValueError):
    """A value the store refuses (the message is user-readable)."""


class StoreImportError(StoreError):
    """A CSV import was rejected as a whole; ``errors`` lists (row number, reason) of every bad row.

    Row numbers are as a spreadsheet shows them: the header is row 1, the first entry row 2.
    """

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        first_row, first_reason = errors[0] if errors else (0, "empty file")
        more = f" (and {len(errors) - 1} more bad row(s))" if len(errors) > 1 else ""
        msg = (f"Row {first_row}: {first_reason}{more}. Nothing was imported."
               if first_row else f"{first_reason}. Nothing was imported.")
        super().__init__(msg)
        self.row = first_row
        self.reason = first_reason


def default_path() -> str:
    """The database path: env ``APP_DB_PATH``, else ``app.sqlite3`` in the app's writable folder
    (env ``APP_DATA``), else ``data/app.sqlite3`` in the project."""
    if os.environ.get(ENV_PATH):
        return os.environ[ENV_PATH]
    if os.environ.get("APP_DATA"):
        return str(Path(os.environ["APP_DATA"]) / DEFAULT_PATH.name)
    return str(DEFAULT_PATH)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _clean_text(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v).strip()


def validate(region: Any, indicator_id: Any, indicator: Any, value: Any, unit: Any = "",
             period: Any = "", note: Any = "", measure: Any = "") -> dict:
    """Check and normalise one entry; raises ``StoreError`` with the reason. Returns the row dict."""
    from core.targets import parse_period  # pure helper; imported here to keep the module light
    row = {"region": _clean_text(region), "indicator_id": _clean_text(indicator_id) or None,
           "indicator": _clean_text(indicator), "measure": _clean_text(measure) or None,
           "unit": _clean_text(unit), "period": _clean_text(period) or None,
           "note": _clean_text(note) or None}
    if not row["indicator"] and row["indicator_id"]:
        row["indicator"] = row["indicator_id"]
    if not row["region"]:
        raise StoreError("region is empty")
    if not row["indicator"]:
        raise StoreError("indicator is empty")
    for name in ("region", "indicator", "unit", "period", "note", "indicator_id"):
        if row[name] and len(row[name]) > MAX_TEXT:
            raise StoreError(f"{name} is longer than {MAX_TEXT} characters")
    row["value"] = _number(value)
    if row["measure"] is not None and row["measure"] not in MEASURES:
        raise StoreError(f"measure {row['measure']!r} is not one of {', '.join(MEASURES)}")
    if row["period"] is not None and parse_period(row["period"]) is None:
        raise StoreError(f"period {row['period']!r} is not a date or period "
                         "(e.g. 2024, 2024-06, 2024-01..2024-10, 2024-Q3, 2024年1-10月)")
    return row


def _shown(text: str, n: int = 40) -> str:
    """User text quoted in a message, cut to ``n`` characters."""
    return text if len(text) <= n else text[: n - 1] + "…"


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_NONZERO_DIGIT = re.compile(r"[1-9]")


def _number(value: Any) -> float:
    """A finite number from a form or CSV cell; ``StoreError`` for anything else.

    Commas are read only as thousands separators ("1,500"); "1,5" is refused rather than read as
    15, and a value too small for a float ("1e-400", which would become 0) is refused too."""
    if isinstance(value, bool):
        raise StoreError(f"value {value!r} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise StoreError(f"value {value!r} is not a finite number")
    text = _clean_text(value).replace("，", ",")
    if text == "":
        raise StoreError("value is empty")
    shown = _shown(text)
    if "_" in text:  # float() would read "1_000" as 1000
        raise StoreError(f"value {shown!r} is not a number")
    if "," in text:
        if not _THOUSANDS.fullmatch(text):
            raise StoreError(f"value {shown!r} has a comma that is not a thousands separator "
                             "(write 1.5 for one and a half, 1,500 or 1500 for fifteen hundred)")
        text = text.replace(",", "")
    try:
        number = float(text)
    except (TypeError, ValueError):
        raise StoreError(f"value {shown!r} is not a number") from None
    if not math.isfinite(number):
        raise StoreError(f"value {shown!r} is not a finite number")
    if number == 0 and _NONZERO_DIGIT.search(text.lower().split("e")[0]):
        raise StoreError(f"value {shown!r} is too small to store (it would become 0)")
    return number


# SQLite's primary result codes for a damaged file: SQLITE_CORRUPT ("database disk image is
# malformed") and SQLITE_NOTADB ("file is not a database"); "locked" or "busy" are not damage
_DAMAGE_CODES = (11, 26)


def is_damage(err: BaseException) -> bool:
    """Does this sqlite3 error say the database file itself is damaged?"""
    if not isinstance(err, sqlite3.DatabaseError):
        return False
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _DAMAGE_CODES
    msg = str(err).lower()
    return "malformed" in msg or "not a database" in msg


class StoreDamagedError(StoreError):
    """The database file was damaged and could not be set aside (``str`` is user-readable)."""


class ActualsStore:
    """User-entered actuals in SQLite: add, list, delete, CSV export/import.

    One connection per store, shared across Streamlit's script threads behind a lock.

    A damaged database file (found on open by ``PRAGMA quick_check``, or later by any statement
    failing with SQLITE_CORRUPT/SQLITE_NOTADB) is never overwritten: it is renamed to
    ``<path>.damaged-<UTC time>`` (with its -wal/-shm files), a fresh database is started in its
    place, the statement is retried once, and ``recovered_from`` holds the new name of the damaged
    file until a caller ``take_notice()``-s it to tell the user.
    """

    def __init__(self, path: Optional[str | Path] = None):
        self.path = str(path) if path is not None else default_path()
        self.recovered_from: Optional[str] = None
        if self._is_file and not self.path.startswith("file:"):
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn: Optional[sqlite3.Connection] = None
        with self._lock:
            try:
                self._open(check=True)
            except sqlite3.DatabaseError as err:
                if not (self._is_file and is_damage(err)):
                    raise
                self._set_aside()
                self._open(check=False)

    @property
    def _is_file(self) -> bool:
        return self.path != ":memory:" and not self.path.startswith("file:")

    def _open(self, check: bool) -> None:
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=10,
                               uri=self.path.startswith("file:"))
        try:
            conn.row_factory = sqlite3.Row
            if check and self._is_file:  # read-only, before anything writes to a damaged file
                problems = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
                if problems != ["ok"]:
                    err = sqlite3.DatabaseError("database disk image is malformed: " + "; ".join(problems[:3]))
                    err.sqlite_errorcode = 11  # SQLITE_CORRUPT
                    raise err
            conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            with conn:
                conn.executescript(SCHEMA)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    def _set_aside(self) -> None:
        """Rename the damaged file (and its -wal/-shm) to ``<path>.damaged-<UTC time>``."""
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target, n = f"{self.path}.damaged-{stamp}", 1
        while os.path.exists(target):
            n += 1
            target = f"{self.path}.damaged-{stamp}-{n}"
        try:
            os.replace(self.path, target)
            for suffix in ("-wal", "-shm"):
                if os.path.exists(self.path + suffix):
                    os.replace(self.path + suffix, target + suffix)
        except OSError as err:
            raise StoreDamagedError(f"the database {self.path} is damaged and could not be moved "
                                    f"aside ({err}); nothing was changed") from None
        log.warning("damaged database %s moved to %s; a fresh one was started", self.path, target)
        self.recovered_from = target

    def _run(self, op):
        """``op(conn)`` under the lock; on damage: set the file aside, start afresh, retry once."""
        with self._lock:
            try:
                return op(self._conn)
            except sqlite3.DatabaseError as err:
                if not (self._is_file and is_damage(err)):
                    raise
                self._set_aside()
                self._open(check=False)
                return op(self._conn)

    def take_notice(self) -> Optional[str]:
        """The new name of a damaged file set aside since the last call (then forgotten), or None."""
        with self._lock:
            moved, self.recovered_from = self.recovered_from, None
            return moved

    # ------------------------------------------------------------ basics
    @property
    def journal_mode(self) -> str:
        """SQLite's journal mode ("wal" for a file database, "memory" for ":memory:")."""
        return self._run(lambda c: c.execute("PRAGMA journal_mode").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()

    def __enter__(self) -> "ActualsStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __len__(self) -> int:
        return self._run(lambda c: c.execute("SELECT count(*) FROM actuals").fetchone()[0])

    # ------------------------------------------------------------ writes
    def add(self, region: str, indicator_id: Optional[str], indicator: str, value: float,
            unit: str = "", period: Optional[str] = None, note: Optional[str] = None,
            measure: Optional[str] = None) -> int:
        """Validate and store one actual in a transaction; returns its id. Raises ``StoreError``."""
        row = validate(region, indicator_id, indicator, value, unit, period, note, measure)

        def insert(conn):
            with conn:
                cur = conn.execute(
                    "INSERT INTO actuals (region, indicator_id, indicator, measure, value, unit, period, "
                    "note, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    (*[row[f] for f in FIELDS], _now()))
                return int(cur.lastrowid)
        return self._run(insert)

    def delete(self, entry_id: int) -> bool:
        """Delete one entry; True if it existed."""
        def remove(conn):
            with conn:
                return conn.execute("DELETE FROM actuals WHERE id = ?", (int(entry_id),)).rowcount > 0
        return self._run(remove)

    # ------------------------------------------------------------ reads
    def list(self) -> pd.DataFrame:
        """All entries, oldest first: id, region, indicator_id, indicator, measure, value, unit,
        period, note, created_at."""
        def read(conn):
            cur = conn.cursor()
            cur.row_factory = None  # plain tuples: a third faster than Row -> dict for 100k entries
            return cur.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM actuals ORDER BY id").fetchall()
        return pd.DataFrame.from_records(self._run(read), columns=list(CSV_COLUMNS))

    # ------------------------------------------------------------ CSV
    def export_csv(self) -> str:
        """All entries as CSV text (header + one row per entry); text cells that a spreadsheet
        would run as a formula get a leading ``'`` (``core.csv_safe``), numbers stay numbers."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        for r in self.list().itertuples(index=False):
            w.writerow(safe_row("" if pd.isna(v) else (repr(v) if isinstance(v, float) else v) for v in r))
        return buf.getvalue()

    def import_csv(self, text: str) -> int:
        """Validate every row, then insert all new rows in one transaction; returns how many were added.

        Needs columns region, indicator and value (indicator_id, measure, unit, period, note,
        created_at optional; id ignored), each at most once. Cells quoted by ``export_csv`` against
        formula injection are read back as they were. Any bad row -> ``StoreImportError`` and
        nothing is written; row numbers count records as a spreadsheet shows them.
        """
        if text.startswith("\ufeff"):
            text = text[1:]
        if not text.strip():
            raise StoreImportError([(0, "the file is empty")])
        try:
            reader = csv.reader(io.StringIO(text, newline=""))
            header = [h.strip().lstrip("\ufeff") for h in next(reader, [])]
        except csv.Error as err:
            raise StoreImportError([(1, f"not a CSV file ({_shown(str(err))})")]) from None
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise StoreImportError([(1, f"missing column(s) {', '.join(missing)} "
                                        f"(needed: {', '.join(REQUIRED)})")])
        twice = sorted({h for h in header if h and header.count(h) > 1})
        if twice:
            raise StoreImportError([(1, f"column(s) {', '.join(map(repr, twice))} appear more than once")])
        rows: list[dict] = []
        errors: list[tuple[int, str]] = []
        n = 1
        while True:
            n += 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as err:  # e.g. a field over csv's size limit: the reader cannot go on
                errors.append((n, f"unreadable CSV ({_shown(str(err))})"))
                break
            if len(cells) > len(header):
                errors.append((n, "more fields than columns in the header"))
                continue
            raw = {h: restore(v) for h, v in zip(header, cells)}
            if all(_clean_text(v) == "" for v in raw.values()):
                continue  # blank line
            try:
                row = validate(raw.get("region"), raw.get("indicator_id"), raw.get("indicator"),
                               raw.get("value"), raw.get("unit"), raw.get("period"),
                               raw.get("note"), raw.get("measure"))
            except StoreError as err:
                errors.append((n, str(err)))
                continue
            created = _clean_text(raw.get("created_at"))
            if created:
                try:
                    datetime.fromisoformat(created.replace("Z", "+00:00"))
                except ValueError:
                    errors.append((n, f"created_at {_shown(created)!r} is not an ISO date-time"))
                    continue
            row["created_at"] = created or _now()
            rows.append(row)
        if errors:
            raise StoreImportError(errors)
        key_cols = FIELDS

        def insert_new(conn) -> int:
            with conn:
                existing = {tuple(r) for r in conn.execute(
                    f"SELECT {', '.join(key_cols)} FROM actuals").fetchall()}
                added = 0
                for row in rows:
                    key = tuple(row[c] for c in key_cols)
                    if key in existing:
                        continue
                    existing.add(key)
                    conn.execute(
                        "INSERT INTO actuals (region, indicator_id, indicator, measure, value, unit, "
                        "period, note, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                        (*key, row["created_at"]))
                    added += 1
                return added
        return self._run(insert_new)
