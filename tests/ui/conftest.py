"""Shared fixtures for GUI tests: offscreen Qt, and a private library and settings per test."""

from __future__ import annotations

import os

# Must happen before anything imports Qt: no test may need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def isolated_user_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the library database and every QSettings file into this test's tmp folder."""
    home = tmp_path / "user"
    for sub in ("config", "data", "cache", "settings"):
        (home / sub).mkdir(parents=True)
    monkeypatch.setenv("VARIORUM_DB", str(home / "data" / "library.sqlite3"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(home / "settings"))
    return home


from window_fixtures import dialogs, make_window, open_library  # noqa: E402, F401
