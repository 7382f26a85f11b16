"""Home's "Add documents": each upload goes through the pipeline with its progress shown by stage,
and a file that holds several documents is offered a split before anything is kept."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import streamlit as st

from core.document import STAGES, Document
from core.ingest import IngestError, decode
from core.splitting import document_starts
from ui.data import add_upload, update_upload_meta
from ui.i18n import t
from ui.messages import ingest_message
from ui.safe import md, tx

ALL_STAGES = ("warm",) + STAGES + ("store",)
PENDING = "_uploads_pending_split"   # {token: (file name, raw bytes, parts as text)}
CHOICE = "_uploads_split_choice"     # (token, "split" | "keep") picked by a button


def _progress(title: str):
    """A status box with a progress bar; returns (status, on_stage callback)."""
    status = st.status(title, expanded=True)
    bar = status.progress(0.0, text=t("upload.stage.start"))

    def on_stage(stage: str) -> None:
        i = ALL_STAGES.index(stage) if stage in ALL_STAGES else 0
        bar.progress(min(1.0, i / len(ALL_STAGES)), text=t(f"upload.stage.{stage}"))
    return status, on_stage, bar


def ingest(data: bytes, name: str, manifest: Optional[dict] = None) -> Optional[Document]:
    """Add one document with a progress display; errors are messages in the UI language."""
    status, on_stage, bar = _progress(tx("upload.working", name=name))
    try:
        doc = add_upload(data, name, manifest, on_stage=on_stage)
    except IngestError as err:
        status.update(label=tx("upload.failed", name=name), state="error", expanded=False)
        st.error(tx("home.error", name=name, message=ingest_message(err)))
        return None
    except Exception:  # the store or the disk refused: a message, never a traceback
        status.update(label=tx("upload.failed", name=name), state="error", expanded=False)
        st.error(tx("upload.unexpected", name=name))
        return None
    bar.progress(1.0, text=t("upload.stage.done"))
    status.update(label=tx("upload.done", name=doc.doc_id, n=len(doc.figures)), state="complete", expanded=False)
    st.success(tx("home.added", name=doc.doc_id, region=doc.meta.region or t("common.unknown"),
                  date=doc.meta.date or t("common.unknown")))
    if doc.doc_id != Path(name).stem:
        st.info(tx("home.renamed", name=name, doc_id=doc.doc_id))
    return doc


def re_extract(name: str, changes: dict) -> bool:
    """Correct an upload's metadata and extract it again, with the progress display."""
    status, on_stage, bar = _progress(tx("upload.reextract", name=name))
    try:
        update_upload_meta(name, changes, on_stage=on_stage)
    except Exception:
        status.update(label=tx("upload.failed", name=name), state="error", expanded=False)
        st.error(tx("upload.unexpected", name=name))
        return False
    bar.progress(1.0, text=t("upload.stage.done"))
    status.update(label=tx("upload.reextracted", name=name), state="complete", expanded=False)
    return True


def part_names(name: str, n: int) -> list[str]:
    """File names of the parts of a split file: report.txt -> report-1.txt, report-2.txt …"""
    p = Path(name)
    suffix = p.suffix or ".txt"
    return [f"{p.stem}-{k}{suffix}" for k in range(1, n + 1)]


def receive(data: bytes, name: str, token) -> None:
    """A new upload: added at once, or, when it looks like several documents, kept for the user's
    choice (``offer_splits``)."""
    try:
        text = decode(data).text
    except IngestError as err:
        st.error(tx("home.error", name=name, message=ingest_message(err)))
        return
    parts = document_starts(text)
    if len(parts) > 1:
        st.session_state.setdefault(PENDING, {})[token] = (name, data, [text[p.start:p.end].strip("\r\n")
                                                                        for p in parts],
                                                           [p.header for p in parts])
        return
    ingest(data, name)


def _choose(token, choice: str) -> None:
    st.session_state[CHOICE] = (token, choice)


def offer_splits() -> None:
    """Carry out a choice made with the buttons, then show every file still waiting for one."""
    pending = st.session_state.setdefault(PENDING, {})
    chosen = st.session_state.pop(CHOICE, None)
    if chosen and chosen[0] in pending:
        name, data, parts, _ = pending.pop(chosen[0])
        if chosen[1] == "split":
            for part_name, part in zip(part_names(name, len(parts)), parts):
                ingest(part.encode("utf-8"), part_name)
        else:
            ingest(data, name)
    for token, (name, _data, parts, headers) in list(pending.items()):
        shown = "; ".join(md(h, 60) or t("upload.no_header") for h in headers[:6])
        st.warning(tx("upload.several", name=name, n=len(parts)) + " " + shown)
        c1, c2 = st.columns(2)
        c1.button(t("upload.split", n=len(parts)), key=f"split_yes_{hash(token)}", on_click=_choose,
                  args=(token, "split"), type="primary")
        c2.button(t("upload.keep"), key=f"split_no_{hash(token)}", on_click=_choose, args=(token, "keep"))
