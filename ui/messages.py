"""User-facing messages for errors raised by ``core`` (which speaks English only), in the UI language."""
from __future__ import annotations

from ui.i18n import label_or, labels, t


def ingest_message(err: Exception) -> str:
    """An ``IngestError`` in the current language (``ingest.<code>`` labels; English as fallback)."""
    code = getattr(err, "code", None)
    params = dict(getattr(err, "params", {}) or {})
    if "kind" in params:
        params["kind"] = label_or(f"ingest.kind.{params['kind']}", params["kind"])
    key = f"ingest.{code}"
    return t(key, **params) if code and key in labels() else str(err)
