"""Reading the command line's input files: the size-limit hint and the notes on stderr."""

from __future__ import annotations

import sys
from pathlib import Path

from core.errors import VariorumError
from core.textio import DEFAULT_MAX_BYTES, SourceText, TooLargeError, load_file


def load_input(
    path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None
) -> SourceText:
    """``load_file`` for a command: says how to raise the limit, and prints the notes."""
    try:
        source = load_file(path, max_bytes=max_bytes, encoding=encoding)
    except TooLargeError as exc:
        raise VariorumError(
            f"{exc}; to read it, raise the limit with --max-bytes {max(exc.size, max_bytes + 1)}"
        ) from None
    for note in source.notes:
        hint = " with --encoding NAME" if source.encoding_unsure else ""
        print(f"variorum: note: {source.source}: {note}{hint}", file=sys.stderr, flush=True)
    return source
