"""Figure extraction: every quantitative claim in a document as a ``Figure``."""
from core.figures.lexicon import cues
from core.figures.pipeline import extract_figures

__all__ = ["cues", "extract_figures"]
