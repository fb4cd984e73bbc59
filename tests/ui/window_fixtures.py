"""A real main window over a real library, offscreen: the fixtures GUI tests share."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QMessageBox

from ui.analysis import EngineHooks, default_hooks
from ui.main_window import MainWindow
from ui.settings import Settings

ANALYSIS_TIMEOUT_MS = 60_000
#: A large screen's window, so that every version of a three-version story has a pane
#: (the offscreen screen is 800 px wide, where the window would show two at a time).
WINDOW_SIZE = (1800, 1000)


def local_parser(model_name=None):
    """The model in the test process (loaded once per session): no server per window."""
    from core.parsers import LocalParser

    return LocalParser(model_name, processes=1)


class Counting:
    """Engine hooks that count how often the engine really runs (the model in-process)."""

    def __init__(self, make_parser=None) -> None:
        real = default_hooks()
        self.calls = 0
        self._compare = real.compare
        self.hooks = EngineHooks(self.compare, make_parser or local_parser)

    def compare(self, *args, **kwargs):
        self.calls += 1
        return self._compare(*args, **kwargs)


@pytest.fixture
def dialogs(monkeypatch):
    """Capture message boxes instead of blocking on them."""
    shown: list[tuple[str, str]] = []

    def capture(_parent, title, text, *args, **kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, capture)
    return shown


@pytest.fixture
def open_library():
    from core.storage.library import Library

    def opener():
        return Library.open(os.environ["VARIORUM_DB"])

    return opener


@pytest.fixture
def make_window(qtbot, open_library, dialogs):
    windows: list[MainWindow] = []

    def make(counting: Counting | None = None, start: bool = True,
             size: tuple[int, int] | None = WINDOW_SIZE, **options) -> MainWindow:
        from ui.options import GuiOptions

        window = MainWindow(
            open_library(),
            Settings(),
            options=GuiOptions(**options),
            hooks=(counting or Counting()).hooks,
        )
        qtbot.addWidget(window)
        windows.append(window)
        # Issue 10 asks where dropped or opened files go: the tests take the proposal.
        window.ask_import = lambda _parent, plan: plan
        if size is not None:
            window.resize(*size)
        window.show()
        if start:
            window.start()
        return window

    yield make
    for window in windows:
        window.close()
        window.runner.shutdown(wait=True)


def wait_for_comparison(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.compare_view.comparison() is not None,
                    timeout=ANALYSIS_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=ANALYSIS_TIMEOUT_MS)
    # The details dock fills in a later event-loop turn than the panes, and the overview
    # strip then measures (lays out) the panes' whole text a slice per turn: the view has
    # settled when both are done (the scroll bars know the documents' heights).
    view = window.compare_view
    qtbot.waitUntil(lambda: window.details.comparison() is view.comparison())
    qtbot.waitUntil(lambda: not view.slices.pending("hand-over") and all(
        p.geometry_cache.complete for p in view.panes if p.isVisible()))


