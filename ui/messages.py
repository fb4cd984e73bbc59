"""Plain words for errors shown to the analyst (dialogs, the status line)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.storage.rows import ReanchorReport


def user_message(error: BaseException) -> str:
    """Plain words for an error: Variorum's own messages as they are, others summarised."""
    from core.errors import VariorumError

    if isinstance(error, VariorumError):
        return str(error)
    if isinstance(error, MemoryError):
        return "Variorum ran out of memory. Close other programs or compare shorter texts."
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"A file could not be used{where}: {error.strerror}."
    detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"Something went wrong inside Variorum: {detail}. Nothing stored was lost."


def reanchor_summary(report: ReanchorReport) -> str:
    """What re-importing a version's text did to its claims, in one line."""
    counts = report.appearances
    if report.revision_id is None:
        return "The text is the same as before: nothing changed."
    if not counts.total:
        return "Text replaced; this version had no claims to move."
    moved = counts.moved + counts.fuzzy
    parts = [f"{counts.exact} found exactly"]
    if moved:
        parts.append(f"{moved} found after edits")
    if counts.orphaned:
        parts.append(f"{counts.orphaned} not found: kept and flagged in the Claims panel")
    return f"Text replaced; {counts.total} claim span(s) re-anchored: " + ", ".join(parts) + "."
