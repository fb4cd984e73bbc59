"""Library commands for the command line: ``import``, ``stories``, ``show``, ``search``,
``claims`` (in :mod:`core.storage.claims_cli`).

``register`` adds them to the application's argparse root; each subcommand sets
``handler``, a callable taking the parsed arguments and returning the exit status.
Errors print one line, ``variorum: <message>``, on stderr and exit with status 2.
``--format json`` prints JSON (for ``import``, one JSON object per line, each
written as soon as its version is committed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from core.cli import add_db_option
from core.cli_guard import run_guarded
from core.cli_inputs import load_input
from core.errors import VariorumError
from core.limits import encoding_arg, max_bytes_arg, search_limit_arg, text_arg
from core.output import terminal_safe
from core.storage import claims_cli
from core.storage.cli_support import (
    EXIT_ERROR,
    Subparsers,
    add_common,
    emit,
    error,
    find_story,
    open_library,
    shorten,
)
from core.storage.rows import SearchHit
from core.textio import DEFAULT_MAX_BYTES, SourceText

#: The subcommands :func:`register` adds.
COMMANDS = ("import", "stories", "show", "search", "claims")


def register(subparsers: Subparsers) -> None:
    """Add the library subcommands to an argparse subparsers object."""
    imp = subparsers.add_parser(
        "import",
        help="store files as versions of a story",
        description="Store each FILE as a version of one story (created if needed). Each "
        "version's id is printed once it is safely committed.",
    )
    imp.add_argument("files", nargs="+", metavar="FILE", type=Path)
    imp.add_argument(
        "--story",
        metavar="NAME",
        type=text_arg,
        help="story to add to or create (default: the first file's title)",
    )
    imp.add_argument(
        "--outlet", metavar="NAME", type=text_arg, help="the outlet that published these versions"
    )
    imp.add_argument(
        "--max-bytes", type=max_bytes_arg, default=DEFAULT_MAX_BYTES, metavar="N",
        help=f"refuse larger files (default {DEFAULT_MAX_BYTES:,})",
    )  # fmt: skip
    imp.add_argument(
        "--encoding", type=encoding_arg, metavar="NAME", help="read the files in this encoding"
    )
    imp.add_argument(
        "--base", action="store_true", help="make the first file the story's base version"
    )
    add_common(imp, cmd_import)

    stories = subparsers.add_parser("stories", help="list the stories in the library")
    add_common(stories, cmd_stories)

    show = subparsers.add_parser("show", help="show a story's versions and claims")
    show.add_argument("story", metavar="STORY", type=text_arg, help="story id or title")
    add_common(show, cmd_show)

    search = subparsers.add_parser("search", help="full-text search of versions and claim notes")
    search.add_argument(
        "query",
        nargs="+",
        metavar="QUERY",
        type=text_arg,
        help='words that must all appear; "quoted phrase"; prefix*',
    )
    search.add_argument(
        "--limit", type=search_limit_arg, default=50, metavar="N", help="at most N hits"
    )
    add_common(search, cmd_search)
    claims_cli.register(subparsers)


def cmd_import(args: argparse.Namespace) -> int:
    """Read every file first (so a bad one stores nothing), then store them one by one."""
    sources: list[SourceText] = []
    failed = False
    for path in args.files:
        try:
            sources.append(load_input(path, max_bytes=args.max_bytes, encoding=args.encoding))
        except VariorumError as exc:
            error(str(exc))
            failed = True
    if failed:
        return EXIT_ERROR
    title = args.story or sources[0].title or Path(sources[0].source).stem
    with open_library(args, create=True) as library:
        story_id, _, _ = library.ensure_story(title)
        for index, (path, source) in enumerate(zip(args.files, sources, strict=True)):
            version_id, created, _ = library.add_version(
                story_id, source, outlet=args.outlet, make_base=args.base and index == 0
            )
            # Printed only now: the version's transaction has committed.
            data = {
                "story_id": story_id,
                "version_id": version_id,
                "created": created,
                "file": str(path),
            }
            word = "stored" if created else "exists"
            emit(args, data, f"{version_id}\t{word}\t{path}")
    return 0


def cmd_stories(args: argparse.Namespace) -> int:
    """List the stories with their version and claim counts."""
    with open_library(args, create=False) as library:
        stories = library.list_stories()
    if args.format == "json":
        emit(args, [asdict(s) for s in stories], "")
        return 0
    if not stories:
        print("no stories yet")
        return 0
    print(f"{'id':>5}  {'versions':>8}  {'claims':>6}  title")
    for story in stories:
        title = terminal_safe(story.title, keep_newlines=False)
        print(f"{story.id:>5}  {story.version_count:>8}  {story.claim_count:>6}  {title}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Show one story: its versions (base first) and its claims."""
    with open_library(args, create=False) as library:
        story = find_story(library, args.story)
        versions = library.list_versions(story.id)
        claims = library.list_claims(story_id=story.id)
        labels = {label.id: label.name for label in library.list_labels()}
    if args.format == "json":
        data = {
            "story": asdict(story),
            "versions": [asdict(v) for v in versions],
            "claims": [asdict(c) | {"label": labels.get(c.label_id or -1)} for c in claims],
        }
        emit(args, data, "")
        return 0
    print(f"story {story.id}: {terminal_safe(story.title, keep_newlines=False)}")
    print(f"{len(versions)} version(s), * marks the base:")
    for v in versions:
        details = ", ".join(x for x in (v.outlet, v.published, f"{v.word_count} words") if x)
        print(f"  {'*' if v.is_base else ' '} {v.id:>5}  {v.source}  ({details})")
    print(f"{len(claims)} claim(s):")
    for c in claims:
        label = labels.get(c.label_id or -1, "unlabelled")
        note = f" — {c.note}" if c.note else ""
        o = c.origin
        where = f"[{o.start}:{o.end}]" if o.start is not None else "(orphaned)"
        more = f" (+{len(c.appearances) - 1} version(s))" if len(c.appearances) > 1 else ""
        print(
            f"  {c.id:>5}  version {o.version_id} {where} {label}, {c.status}: "
            f"{shorten(o.quote)!r}{more}{note}"
        )
    return 0


def _marked(hit: SearchHit) -> str:
    parts, last = [], 0
    for start, end in hit.highlights:
        parts += [hit.snippet[last:start], "[", hit.snippet[start:end], "]"]
        last = end
    return "".join([*parts, hit.snippet[last:]]).replace("\n", " ")


def cmd_search(args: argparse.Namespace) -> int:
    """Search version texts and claim notes."""
    query = " ".join(args.query)
    with open_library(args, create=False) as library:
        hits = library.search(query, limit=args.limit)
    if args.format == "json":
        emit(args, [asdict(h) for h in hits], "")
        return 0
    if not hits:
        print("no matches")
    for hit in hits:
        where = f"version {hit.version_id}"
        if hit.claim_id is not None:
            where = f"claim {hit.claim_id} (version {hit.version_id})"
        print(f"story {hit.story_id} {hit.story_title!r}, {where}: {_marked(hit)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """A parser with only the library subcommands (the app's root parser adds the others)."""
    parser = argparse.ArgumentParser(prog="variorum", description="Variorum library commands")
    add_db_option(parser)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one library command; returns the exit status."""
    args = build_parser().parse_args(argv)
    return run_guarded(args.handler, args)


if __name__ == "__main__":
    sys.exit(main())
