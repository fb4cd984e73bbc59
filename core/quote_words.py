"""Quote statuses and typed changes in the words an analyst reads, for the app and reports.

The contract keeps its short status names (``unquoted_in_base``); every place that shows
one to a person says it this way, so the panes, the Details dock and the reports agree.
"""

from __future__ import annotations

from core.records import QuoteStatus, TypedChange

QUOTE_STATUS_WORDS: dict[str, str] = {
    "verbatim": "verbatim",
    "altered": "altered",
    "added": "added",
    "removed": "removed",
    "paraphrased": "paraphrased as reported speech",
    "unquoted_in_base": "quoted from the base text (unquoted there)",
    "found": "found",
}


def quote_status_words(status: QuoteStatus | str) -> str:
    """ "paraphrased as reported speech" for ``paraphrased``; unknown statuses as they are."""
    return QUOTE_STATUS_WORDS.get(status, status.replace("_", " "))


def change_heading(change: TypedChange) -> str:
    """ "date changed", "date reworded (same date)": a typed change's kind and direction."""
    if change.direction == "reworded":
        return f"{change.kind} reworded (same {change.kind})"
    return f"{change.kind} {change.direction}"
