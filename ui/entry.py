"""The GUI's command line: ``main.py [FILES...] [--demo] [--db PATH] [--model NAME]``.

The options are the ``gui`` command of the one root parser (``core.cli``);
``main.py`` calls :func:`gui_run` when no other command is given.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.first_look_process import FirstLookProcess


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The app's options from ``argv`` (files and options, no command)."""
    from core.cli import GUI, build_parser

    return _for_gui(build_parser(library=False).parse_args([GUI, *argv]))


def _for_gui(args: argparse.Namespace) -> argparse.Namespace:
    args.db = None if args.db is None else str(args.db)
    return args


def gui_run(args: argparse.Namespace) -> int:
    """Run the GUI with options already parsed by the root parser; return the exit status."""
    first_look = _first_look_beside(args)  # first: its process starts before the engine loads
    _import_the_engine_before_qt()
    from ui.app import run
    from ui.options import options_from

    return run(options_from(_for_gui(args)), first_look=first_look)


def _first_look_beside(args: argparse.Namespace) -> FirstLookProcess | None:
    """For files too long to compare before the window shows, their first look made by a
    process of its own, on another core, while this one imports Qt and builds the window
    (``core.first_look_process``)."""
    from core.first_look_process import FirstLookProcess, worth_a_process
    from core.machine import available_cores

    files = [str(f) for f in getattr(args, "files", None) or ()]
    if getattr(args, "demo", False) or not worth_a_process(files, available_cores()):
        return None
    try:
        return FirstLookProcess(files)
    except OSError:  # no process to be had: the window compares them itself
        return None


def _import_the_engine_before_qt() -> None:
    """Import the core modules the window uses before Qt: PySide6 reads the source of
    every module imported after it (looking for ``from __feature__ import``), which cost
    the window's start about 35 ms for the engine's ~70 modules."""
    import core.claims
    import core.collector
    import core.compare
    import core.contract
    import core.export.story_report
    import core.label_schema
    import core.nlp
    import core.parse_server
    import core.quick_analysis
    import core.storage
    import core.stored_compare  # noqa: F401


def gui_main(argv: list[str]) -> int:
    """Parse ``argv`` (without the program name) and run the GUI; return the exit status."""
    return gui_run(parse_args(argv))
