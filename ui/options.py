"""What the command line asked the GUI for, and where its library lives."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

#: Environment variable that overrides the library database path (tests set it).
DB_ENV = "VARIORUM_DB"


@dataclass(frozen=True, slots=True)
class GuiOptions:
    """What the command line asked the GUI for."""

    files: tuple[str, ...] = ()
    demo: bool = False
    db: str | None = None
    model: str | None = None


def options_from(args: GuiOptions | argparse.Namespace | None) -> GuiOptions:
    """Accept parsed options or an argparse namespace."""
    if isinstance(args, GuiOptions):
        return args
    if args is None:
        return GuiOptions()
    return GuiOptions(
        files=tuple(getattr(args, "files", None) or ()),
        demo=bool(getattr(args, "demo", False)),
        db=getattr(args, "db", None),
        model=getattr(args, "model", None),
    )


def resolve_db_path(explicit: str | None, saved: str | None) -> Path:
    """--db, else $VARIORUM_DB, else the path saved in settings, else the storage default."""
    chosen = explicit or os.environ.get(DB_ENV) or saved
    if chosen:
        return Path(chosen).expanduser()
    from core.storage.library import default_db_path

    return Path(default_db_path())
