"""The command line: one argparse root for the app and every headless subcommand.

``main.py [FILE ...] [--demo]`` opens the app (the ``gui`` command, which is
also what a command line without a command means); ``compare`` runs the engine,
and the library commands (``import``, ``stories``, ``show``, ``search``,
``claims``) come from :mod:`core.storage.cli`. The global options ``--db`` and
``--model`` work before or after the command. The app itself is started by
``main.py``: core never imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from core.cli_guard import run_guarded
from core.cli_inputs import load_input
from core.errors import StorageError, VariorumError
from core.limits import (
    as_id,
    check_unit_ranges,
    encoding_arg,
    max_bytes_arg,
    overrides_by_version,
    parse_override_args,
    published_arg,
    text_arg,
)
from core.output import check_output_path, terminal_safe, write_output
from core.textio import DEFAULT_MAX_BYTES, SourceText

GUI = "gui"
SUBCOMMANDS = (
    GUI, "compare", "import", "stories", "show", "search", "claims",
    "report", "export", "import-story",
)  # fmt: skip
DB_HELP = "library file (default: $VARIORUM_DB or the user data folder)"
MODEL_HELP = "spaCy model name (default: en_core_web_sm if installed)"


def add_db_option(parser: argparse.ArgumentParser, *, default: object = None) -> None:
    """``--db``; subcommands pass ``argparse.SUPPRESS`` so a value given before them stays."""
    parser.add_argument("--db", type=Path, metavar="PATH", default=default, help=DB_HELP)


def add_model_option(parser: argparse.ArgumentParser, *, default: object = None) -> None:
    """``--model``, like :func:`add_db_option`."""
    parser.add_argument("--model", metavar="NAME", type=text_arg, default=default, help=MODEL_HELP)


def build_parser(*, library: bool = True) -> argparse.ArgumentParser:
    """The root parser (``library=False``: without the library commands)."""
    parser = argparse.ArgumentParser(
        prog="variorum",
        description="Compare versions of a news story side by side, or headless. Without a "
        "COMMAND (or with FILEs only) the app opens.",
    )
    add_db_option(parser)
    add_model_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _register_gui(sub)
    _register_compare(sub)
    if library:
        _register_library_commands(sub)
    return parser


def _register_gui(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    gui = sub.add_parser(
        GUI,
        help="open the app (the default): main.py [FILE ...] [--demo]",
        description="Open the app, on FILEs compared (stored as a new story) or the library.",
    )
    gui.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="versions to compare (.txt, .md, .html), base first; stored as a new story",
    )
    gui.add_argument("--demo", action="store_true", help="open the demo story")
    add_db_option(gui, default=argparse.SUPPRESS)
    add_model_option(gui, default=argparse.SUPPRESS)


def _register_compare(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    compare = sub.add_parser("compare", help="compare a base version with one or more others")
    compare.add_argument(
        "base", help="base version: a .txt, .md or .html file, or a stored version id"
    )
    compare.add_argument("others", nargs="+", metavar="other", help="versions to compare")
    add_db_option(compare, default=argparse.SUPPRESS)
    compare.add_argument("--format", choices=("json", "text", "html"), default="text")
    compare.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    add_model_option(compare, default=argparse.SUPPRESS)
    compare.add_argument(
        "--max-bytes", type=max_bytes_arg, default=DEFAULT_MAX_BYTES,
        help=f"refuse larger input files (default {DEFAULT_MAX_BYTES:,})",
    )  # fmt: skip
    compare.add_argument(
        "--encoding", type=encoding_arg, help="read the input files in this encoding (no guess)"
    )
    compare.add_argument(
        "--published", nargs="+", type=published_arg, metavar="DATE",
        help="each file's publication date (ISO, '-' when not known), base first: relative "
        "dates such as 'last June' are read against it when no dateline says the year",
    )  # fmt: skip
    for name, verb in (("pin", "always align"), ("forbid", "never align")):
        compare.add_argument(
            f"--{name}",
            action="append",
            default=[],
            metavar="[V:]B:O",
            help=f"{verb} base unit B with unit O of other version V (default 1); repeatable",
        )
    compare.set_defaults(handler=run_compare)


def _register_library_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    try:
        from core.export.cli import register as register_exports
        from core.storage.cli import register
    except ImportError:  # storage not installed in this checkout
        return
    register(sub)
    register_exports(sub)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse a command line; without a command it is the app's (``command == "gui"``)."""
    argv = list(argv)
    command = command_in(argv)
    helping = bool({"-h", "--help"} & set(argv))
    if command is None and not helping:
        argv = [GUI, *argv]
    # The app and `compare` on files need no library commands: skip importing them (the
    # export formats, claims and storage: a measurable share of start-up). Help lists them.
    files_only = command == "compare" and not any(a.isdigit() for a in argv)
    app = argv[0] == GUI and not helping
    return build_parser(library=not (files_only or app)).parse_args(argv)


def command_in(argv: Sequence[str]) -> str | None:
    """The command named in ``argv``: its first word that is no option or option value.

    None when that word is not a command (files for the app) or there is none.
    """
    root = build_parser(library=False)
    valued = {o for a in root._actions for o in a.option_strings if a.nargs != 0}
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token == "--":
            return None
        elif token.startswith("-"):
            name = token.split("=", 1)[0]
            matches = {o for o in valued if o.startswith(name)} if name.startswith("--") else set()
            skip = "=" not in token and (name in valued or len(matches) == 1)
        else:
            return token if token in SUBCOMMANDS else None
    return None


def run_compare(args: argparse.Namespace) -> int:
    """Load, compare and write the comparison in the chosen format."""
    from core.collector import settle_long_lived
    from core.compare import compare_versions

    # The model load allocates a great many long-lived objects; freezing what exists now
    # keeps the collector from rescanning it at every generation-2 pass.
    settle_long_lived()
    inputs = [args.base, *args.others, *([args.db] if args.db else [])]
    if args.output:
        check_output_path(args.output, inputs)
    version_ids = _stored_ids(args)
    if version_ids is not None:
        return _compare_stored(args, version_ids)
    paths = [args.base, *args.others]
    sources = [load_input(p, max_bytes=args.max_bytes, encoding=args.encoding) for p in paths]
    sources = _dated(sources, args.published)
    override_args = parse_override_args(args.pin, args.forbid, len(sources) - 1)
    overrides = overrides_by_version(override_args)
    comparison = compare_versions(sources, model_name=args.model, overrides=overrides)
    check_unit_ranges(override_args, [len(v.units) for v in comparison.versions])
    write_output(render(comparison, args.format), args.output, inputs=inputs)
    return 0


def _dated(sources: list[SourceText], published: Sequence[str | None] | None) -> list[SourceText]:
    """``sources`` with their ``--published`` dates, one per file."""
    if published is None:
        return sources
    if len(published) != len(sources):
        raise VariorumError(
            f"--published takes one date per version ({len(sources)}, base first; '-' when "
            f"not known), not {len(published)}"
        )
    return [replace(s, published=date) for s, date in zip(sources, published, strict=True)]


def _stored_ids(args: argparse.Namespace) -> list[int] | None:
    """Version ids when every argument is a number that names no file, else None."""
    names = [args.base, *args.others]
    ids = [None if Path(n).exists() else as_id(n) for n in names]
    if all(i is not None for i in ids):
        return [i for i in ids if i is not None]
    if any(i is not None for i in ids):
        raise VariorumError("compare takes either files or stored version ids, not both")
    return None


def _compare_stored(args: argparse.Namespace, version_ids: list[int]) -> int:
    from core.contract import comparison_from_json
    from core.storage.library import Library
    from core.stored_compare import compare_stored

    if args.pin or args.forbid:
        raise VariorumError("stored versions keep their links in the library; omit --pin/--forbid")
    if args.published is not None:
        raise VariorumError("stored versions keep their dates in the library; omit --published")
    cache_errors: list[StorageError] = []
    with Library.open(args.db, create=False) as library:
        payload, cached = compare_stored(
            library, version_ids, model_name=args.model, on_cache_error=cache_errors.append
        )
        inputs = [library.path]
    if args.format == "json":
        output = payload + "\n"
    else:
        output = render(comparison_from_json(json.loads(payload)), args.format)
    write_output(output, args.output, inputs=inputs)
    state = "from the cache" if cached else "computed and cached"
    if cache_errors:
        state = f"computed but not cached ({cache_errors[0]})"
    print(f"variorum: comparison {state}", file=sys.stderr)
    return 0


def parse_overrides(pins: Sequence[str], forbids: Sequence[str], n_others: int) -> dict:
    """`--pin`/`--forbid` values as Overrides per other version index."""
    return overrides_by_version(parse_override_args(pins, forbids, n_others))


def render(comparison: object, fmt: str) -> str:
    """A comparison in one of the output formats."""
    from core.records import Comparison

    assert isinstance(comparison, Comparison)
    if fmt == "json":
        from core.contract import comparison_to_json

        return json.dumps(comparison_to_json(comparison), ensure_ascii=False) + "\n"
    if fmt == "html":
        from core.export.report_html import render_html

        return render_html(comparison)
    from core.report_text import render_text

    return terminal_safe(render_text(comparison))


def main(
    argv: Sequence[str],
    *,
    gui: Callable[[argparse.Namespace], int] | None = None,
    pdf: Callable[[str, Path, str, str], int] | None = None,
) -> int:
    """Run a command line; ``gui`` starts the app, ``pdf`` writes PDF reports (both need Qt,
    so ``main.py`` supplies them). A VariorumError is one line and status 2."""
    args = parse_args(argv)
    args.pdf_writer = pdf
    if args.command != GUI:
        return run_guarded(args.handler, args)
    if gui is None:
        return run_guarded(_no_app, args)
    return gui(args)


def _no_app(args: argparse.Namespace) -> int:
    raise VariorumError("the app is started by main.py")
