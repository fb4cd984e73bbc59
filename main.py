"""Variorum: `python main.py` opens the app; `python main.py compare A B` runs headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; without a command (or with only files and options), the GUI.

    The GUI starts the model's process once its window is shown (``ui.app.run``).
    """
    from core.trace import stamp

    stamp("main")
    arguments = list(sys.argv[1:] if argv is None else argv)
    from core.cli import main as cli_main

    def start_gui(args: argparse.Namespace) -> int:
        from ui.entry import gui_run

        return gui_run(args)

    return cli_main(arguments, gui=start_gui, pdf=_write_pdf)


def _write_pdf(html: str, path: Path, title: str, paper: str) -> int:
    from ui.report_pdf import write_pdf_report

    return write_pdf_report(html, path, title=title, paper=paper)


if __name__ == "__main__":
    sys.exit(main())
