"""What the library's commands share: options, the library, output and one-line errors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from core.cli import add_db_option
from core.errors import StorageError, VariorumError
from core.limits import as_id
from core.storage.library import Library
from core.storage.rows import StoryRow

Handler = Callable[[argparse.Namespace], int]
Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]
EXIT_ERROR = 2


def add_common(parser: argparse.ArgumentParser, handler: Handler) -> None:
    """``--db`` and ``--format`` on a subcommand, and the handler it runs."""
    add_db_option(parser, default=argparse.SUPPRESS)
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.set_defaults(handler=guarded(handler))


def guarded(handler: Handler) -> Handler:
    """The handler, with a VariorumError turned into one line on stderr and status 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except VariorumError as exc:
            error(str(exc))
            return EXIT_ERROR

    run.__name__ = handler.__name__
    run.__doc__ = handler.__doc__
    return run


def error(message: str) -> None:
    """``variorum: <message>`` on stderr."""
    print(f"variorum: {message}", file=sys.stderr, flush=True)


def open_library(args: argparse.Namespace, *, create: bool) -> Library:
    """The library named by ``--db`` (or the default), with its notices on stderr."""
    library = Library.open(getattr(args, "db", None), create=create)
    if library.notice:
        error(f"note: {library.notice}")
    if library.backup_path:
        error(f"note: the library was upgraded; the old one was saved as {library.backup_path}")
    return library


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    """Print ``data`` as JSON or ``text``, as ``--format`` asks."""
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False), flush=True)
    else:
        print(text, flush=True)


def find_story(library: Library, key: str) -> StoryRow:
    """A story by id or title (ignoring case), or StorageError."""
    story_id = as_id(key)
    story = library.get_story(story_id) if story_id is not None else None
    story = story or library.find_story(key)
    if story is None:
        raise StorageError(f"there is no story with the id or title {key!r}")
    return story


def whole_number(value: str, what: str) -> int:
    """A command-line number (an id or an offset), or a one-line error naming it."""
    text = value.strip()
    number = as_id(text.removeprefix("-"))
    if number is None:
        raise VariorumError(f"{what} must be a whole number, not {value!r}")
    return -number if text.startswith("-") else number


def shorten(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
