"""Variorum: `python main.py` opens the app; `python main.py compare A B` runs headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.parse_server import ParseServer


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; without a command (or with only files and options), the GUI.

    For the GUI, the model's process is started first of all, before the options are
    parsed and Qt is imported: importing spaCy there (about a second) overlaps the
    window's own start on another core.
    """
    from core.trace import stamp

    stamp("main")
    arguments = list(sys.argv[1:] if argv is None else argv)
    from core.cli import main as cli_main
    from core.cli import wants_gui

    server = _warm_server() if wants_gui(arguments) else None

    def start_gui(args: argparse.Namespace) -> int:
        from ui.entry import gui_run

        return gui_run(args, server)

    return cli_main(arguments, gui=start_gui, pdf=_write_pdf)


def _warm_server() -> ParseServer | None:
    from core.parse_server import ParseServer

    try:
        return ParseServer.warming()
    except OSError:  # no process could be started: the window starts one when it needs it
        return None


def _write_pdf(html: str, path: Path, title: str, paper: str) -> int:
    from ui.report_pdf import write_pdf_report

    return write_pdf_report(html, path, title=title, paper=paper)


if __name__ == "__main__":
    sys.exit(main())
