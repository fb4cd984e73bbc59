"""Variorum: `python main.py` opens the app; `python main.py compare A B` runs headless."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a headless subcommand, else start the GUI."""
    args = list(sys.argv[1:] if argv is None else argv)
    from core.cli import SUBCOMMANDS

    if args and (args[0] in SUBCOMMANDS or (args[0] in ("-h", "--help") and len(args) == 1)):
        from core.cli import main as cli_main

        return cli_main(args)
    from ui.entry import gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
