"""Claims tagged by hand: the pure functions the claims storage and panel build on.

An analyst selects a span in one version and gives it a label. The selection is
snapped to whole words (:func:`snap_to_words`, in ``core.snapping``); the claim is
proposed in every other version (:func:`propose_counterparts`, ``core.counterparts``),
and :func:`claim_drift` (``core.claim_drift``) says how each appearance drifted.
Offsets are half-open code-point offsets into a version's text. This module also
holds the analysts' words for the stored claim statuses.
"""

from __future__ import annotations

from core.claim_drift import Drift, DriftKind, claim_drift, drift_label
from core.counterparts import propose_counterparts
from core.errors import InputError
from core.snapping import snap_to_words

__all__ = [
    "STATUS_WORDS",
    "Drift",
    "DriftKind",
    "claim_drift",
    "drift_label",
    "parse_status",
    "propose_counterparts",
    "snap_to_words",
]

#: Stored claim status -> the analysts' word for it (core/storage/rows.py CLAIM_STATUSES).
STATUS_WORDS: dict[str, str] = {
    "open": "Open",
    "verified": "Supported",
    "disputed": "Disputed",
    "refuted": "False",
    "unverifiable": "Unverifiable",
}
_STATUS_OF = {
    **{stored: stored for stored in STATUS_WORDS},
    **{word.casefold(): stored for stored, word in STATUS_WORDS.items()},
}


def parse_status(word: str) -> str:
    """The stored status for a stored value or an analyst's word, in any case."""
    stored = _STATUS_OF.get(word.strip().casefold()) if isinstance(word, str) else None
    if stored is None:
        words = ", ".join(STATUS_WORDS.values())
        raise InputError("claim status", f"{word!r} is not a status; use one of {words}")
    return stored
