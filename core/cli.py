"""Headless subcommands over core/: `compare`, and the library commands."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from core.errors import VariorumError
from core.textio import DEFAULT_MAX_BYTES, load_file

SUBCOMMANDS = ("compare", "import", "stories", "show", "search")


def build_parser(*, library: bool = True) -> argparse.ArgumentParser:
    """The argparse tree of the headless commands (``library=False``: `compare` only)."""
    parser = argparse.ArgumentParser(
        prog="variorum", description="Compare versions of a news story, headless."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    compare = sub.add_parser("compare", help="compare a base version with one or more others")
    compare.add_argument(
        "base", help="base version: a .txt, .md or .html file, or a stored version id"
    )
    compare.add_argument("others", nargs="+", metavar="other", help="versions to compare")
    compare.add_argument(
        "--db", type=Path, help="library for stored version ids (default: the user library)"
    )
    compare.add_argument("--format", choices=("json", "text", "html"), default="text")
    compare.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    compare.add_argument("--model", help="spaCy model name (default: en_core_web_sm if installed)")
    compare.add_argument(
        "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger input files"
    )
    for name, verb in (("pin", "always align"), ("forbid", "never align")):
        compare.add_argument(
            f"--{name}",
            action="append",
            default=[],
            metavar="[V:]B:O",
            help=f"{verb} base unit B with unit O of other version V (default 1); repeatable",
        )
    compare.set_defaults(handler=run_compare)
    if library:
        _register_library_commands(sub)
    return parser


def _register_library_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    try:
        from core.storage.cli import register
    except ImportError:  # storage not installed in this checkout
        return
    register(sub)


def run_compare(args: argparse.Namespace) -> int:
    """Load, compare and write the comparison in the chosen format."""
    from core.collector import settle_long_lived
    from core.compare import compare_versions

    # The model load allocates a great many long-lived objects; freezing what exists now
    # keeps the collector from rescanning it at every generation-2 pass.
    settle_long_lived()
    version_ids = _stored_ids(args)
    if version_ids is not None:
        return _compare_stored(args, version_ids)
    sources = [load_file(p, max_bytes=args.max_bytes) for p in [args.base, *args.others]]
    overrides = parse_overrides(args.pin, args.forbid, len(sources) - 1)
    comparison = compare_versions(sources, model_name=args.model, overrides=overrides)
    _write(render(comparison, args.format), args.output)
    return 0


def _stored_ids(args: argparse.Namespace) -> list[int] | None:
    """Version ids when every argument is a number that names no file, else None."""
    names = [args.base, *args.others]
    if all(n.isdigit() and not Path(n).exists() for n in names):
        return [int(n) for n in names]
    if any(n.isdigit() and not Path(n).exists() for n in names):
        raise VariorumError("compare takes either files or stored version ids, not both")
    return None


def _compare_stored(args: argparse.Namespace, version_ids: list[int]) -> int:
    from core.contract import comparison_from_json
    from core.storage.library import Library
    from core.stored_compare import compare_stored

    if args.pin or args.forbid:
        raise VariorumError("stored versions keep their links in the library; omit --pin/--forbid")
    with Library.open(args.db, create=False) as library:
        payload, cached = compare_stored(library, version_ids, model_name=args.model)
    if args.format == "json":
        _write(payload + "\n", args.output)
    else:
        _write(render(comparison_from_json(json.loads(payload)), args.format), args.output)
    print(
        f"variorum: comparison {'from the cache' if cached else 'computed and cached'}",
        file=sys.stderr,
    )
    return 0


def _write(output: str, path: Path | None) -> None:
    if path:
        path.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)


def parse_overrides(pins: Sequence[str], forbids: Sequence[str], n_others: int) -> dict:
    """`--pin`/`--forbid` values as Overrides per other version index."""
    from core.align import Overrides

    found: dict[int, dict[str, set[tuple[int, int]]]] = {}
    for kind, values in (("pinned", pins), ("forbidden", forbids)):
        for value in values:
            parts = value.split(":")
            if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
                raise VariorumError(
                    f"--{kind[:-3] if kind == 'pinned' else 'forbid'} {value!r}: "
                    "expected B:O or V:B:O (unit and version numbers)"
                )
            version, b, o = (1, *map(int, parts)) if len(parts) == 2 else tuple(map(int, parts))
            if not 1 <= version <= n_others:
                raise VariorumError(f"{value!r}: there is no other version {version}")
            found.setdefault(version, {"pinned": set(), "forbidden": set()})[kind].add((b, o))
    return {
        v: Overrides(frozenset(d["pinned"]), frozenset(d["forbidden"])) for v, d in found.items()
    }


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

    return render_text(comparison)


def main(argv: Sequence[str]) -> int:
    """Run one subcommand; a VariorumError becomes one line on stderr and exit status 2."""
    argv = list(argv)
    # `compare` on files needs no storage: skip importing it (a measurable share of start-up)
    files_only = argv[:1] == ["compare"] and not any(a.isdigit() for a in argv[1:])
    args = build_parser(library=not files_only).parse_args(argv)
    try:
        return int(args.handler(args))
    except VariorumError as exc:
        print(f"variorum: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("variorum: interrupted", file=sys.stderr)
        return 130
