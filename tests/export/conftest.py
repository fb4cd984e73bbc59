"""Fixtures for export tests: offscreen Qt and a private library per test."""

from __future__ import annotations

import os

# The dialog and PDF tests use Qt: no test may need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.storage.library import Library


@pytest.fixture(autouse=True)
def private_default_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "default" / "library.sqlite3"
    monkeypatch.setenv("VARIORUM_DB", str(path))
    return path


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "lib" / "library.sqlite3")
    yield library
    library.close()


@pytest.fixture
def other_lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "other" / "library.sqlite3")
    yield library
    library.close()
