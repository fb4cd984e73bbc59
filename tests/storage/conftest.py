"""Fixtures for storage tests: a private library file per test, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.storage import Library
from core.textio import SourceText, load_text

TEXT_A = (
    "Budget passes after late vote\n\n"
    "The minister said the budget would pass on Friday. Critics disagreed. "
    '"We will not accept cuts," said Ana Lopez of the union.'
)
TEXT_B = (
    "Budget passes after late-night vote\n\n"
    "The finance minister said the budget will pass on Friday, 3 May. Critics disagreed "
    'strongly. "We will never accept these cuts," said Ana López, the union\'s leader.'
)
TEXT_C = "Budget passes\n\nThe budget passed on Friday by 212 votes to 190."


@pytest.fixture(autouse=True)
def private_default_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point $VARIORUM_DB into the test's folder so nothing touches the real library."""
    path = tmp_path / "default" / "library.sqlite3"
    monkeypatch.setenv("VARIORUM_DB", str(path))
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "lib" / "library.sqlite3"


@pytest.fixture
def lib(db_path: Path) -> Iterator[Library]:
    library = Library.open(db_path)
    yield library
    library.close()


@pytest.fixture
def texts() -> list[SourceText]:
    return [
        load_text(t, f"{name}.txt") for name, t in zip("abc", (TEXT_A, TEXT_B, TEXT_C), strict=True)
    ]


@pytest.fixture
def story(lib: Library, texts: list[SourceText]) -> tuple[int, list[int]]:
    """A story with three versions; returns (story id, version ids in import order)."""
    story_id, _ = lib.add_story("Budget vote")
    ids = [lib.add_version(story_id, t)[0] for t in texts]
    return story_id, ids


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """The three sample texts as files: a.txt, b.md, c.txt."""
    paths = []
    for name, text in (("a.txt", TEXT_A), ("b.md", TEXT_B), ("c.txt", TEXT_C)):
        path = tmp_path / "in" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
