"""Isolate user text shown in labels, lists and titles, so its bidi controls stay inside it.

An unclosed right-to-left override in a story title would otherwise reverse the rest of
a window title or table cell. Text without bidi controls is returned unchanged.
"""

from __future__ import annotations

from core.invisibles import BIDI_CONTROLS, unterminated_bidi

_FSI, _PDI, _PDF = "\u2068", "\u2069", "\u202c"


def isolate(text: str) -> str:
    """``text`` wrapped in FSI … PDI, its unclosed embeddings closed, if it has bidi controls."""
    if not any(char in BIDI_CONTROLS for char in text):
        return text
    unclosed = [text[i] for i in unterminated_bidi(text)]
    embeddings = sum(1 for char in unclosed if char in "\u202a\u202b\u202d\u202e")
    isolates = sum(1 for char in unclosed if char in "\u2066\u2067\u2068")
    return _FSI + text + _PDF * embeddings + _PDI * isolates + _PDI
