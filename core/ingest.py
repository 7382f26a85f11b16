"""Bytes -> text. PLACEHOLDER: replaced by the ingest work (issue 2)."""
from __future__ import annotations

from core.models import Decoded


class IngestError(ValueError):
    """The input is not a readable text document; ``str(err)`` is a user-facing message."""


class EmptyInputError(IngestError):
    pass


class BinaryInputError(IngestError):
    pass


class UndecodableError(IngestError):
    pass


def decode(data: bytes) -> Decoded:
    if not data.strip():
        raise EmptyInputError("The file is empty.")
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8")
