"""Plain words for errors shown to the analyst (dialogs, the status line)."""

from __future__ import annotations


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
