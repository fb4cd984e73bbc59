"""The GUI's command line: ``main.py [FILES...] [--demo] [--db PATH] [--model NAME]``.

``main.py`` calls ``gui_main`` when no subcommand is given.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="variorum",
        description="Compare versions of a news story side by side.",
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="versions to compare (.txt, .md, .html), base first; stored as a new story",
    )
    parser.add_argument("--demo", action="store_true", help="open the demo story")
    parser.add_argument("--db", metavar="PATH", help="library database to use")
    parser.add_argument("--model", metavar="NAME", help="spaCy model to analyse with")
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


def gui_main(argv: list[str]) -> int:
    """Parse ``argv`` (without the program name) and run the GUI; return the exit status."""
    from ui.app import options_from, run

    return run(options_from(parse_args(argv)))
