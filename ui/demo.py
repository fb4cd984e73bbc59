"""The demo story shipped in ``resources/demo``: read its files and its title and labels."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from core.errors import InputError
from core.textio import SourceText, load_file

DEMO_DIR = Path(__file__).resolve().parents[1] / "resources" / "demo"


@dataclass(frozen=True, slots=True)
class DemoStory:
    """The demo's title, and its versions (base first) with outlet and date of each."""

    title: str
    sources: tuple[SourceText, ...]
    meta: tuple[tuple[str | None, str | None], ...]


def load_demo(folder: Path = DEMO_DIR) -> DemoStory:
    """Read the demo story; ``story.json`` names it, else every text file in name order."""
    manifest = folder / "story.json"
    try:
        meta = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
    except (OSError, ValueError) as exc:
        raise InputError(str(manifest), f"cannot be read ({exc})") from None
    entries = meta.get("versions") or [
        {"file": p.name} for p in sorted(folder.glob("*.txt")) if p.is_file()
    ]
    if len(entries) < 2:
        raise InputError(str(folder), "holds no demo story (two text files are needed)")
    sources = tuple(load_file(folder / entry["file"]) for entry in entries)
    about = tuple((entry.get("outlet"), entry.get("published")) for entry in entries)
    return DemoStory(str(meta.get("title") or "Demo story"), sources, about)
