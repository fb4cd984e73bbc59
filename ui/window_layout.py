"""The window's size and its side panels: never wider than the screen, panels that
collapse (toggle keys, remembered) and come back at a readable width.

On a small screen (a laptop's 1024 or 1366 px) the window starts at the screen's
size with the library collapsed, so the comparison gets the width; the details dock
is narrowed rather than squeezed to a sliver, and a dock saved narrow comes back at
a sane width.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QWidget

from ui.settings import Settings

DEFAULT_SIZE = QSize(1400, 860)
#: A first launch takes this share of a screen larger than ``DEFAULT_SIZE``.
FIRST_SHARE = 0.9
#: Below this screen width the library starts collapsed.
SMALL_SCREEN = 1300
#: The details dock's width: a share of the window, within these bounds.
DOCK_SHARE, DOCK_MIN, DOCK_MAX = 0.27, 270, 500
LIBRARY_WIDTH = 240


def fitted(size: QSize, available: QRect) -> QSize:
    """``size`` shrunk to fit ``available`` (the screen less its panels)."""
    return QSize(min(size.width(), available.width()), min(size.height(), available.height()))


def first_size(available: QRect) -> QSize:
    """A first launch's size: most of a large screen, all of a small one."""
    share = QSize(round(available.width() * FIRST_SHARE), round(available.height() * FIRST_SHARE))
    return fitted(DEFAULT_SIZE.expandedTo(share), available)


def dock_width(window_width: int) -> int:
    """A readable width for the details dock in a window this wide."""
    return max(DOCK_MIN, min(DOCK_MAX, round(window_width * DOCK_SHARE)))


class WindowLayout:
    """Restores, fits and saves the window; owns the panel toggles."""

    def __init__(self, window: QMainWindow, splitter: QSplitter, library: QWidget,
                 docks: list[QDockWidget], settings: Settings) -> None:
        self.window, self.splitter, self.library = window, splitter, library
        self.docks, self.settings = docks, settings
        self.toggle_library = QAction("Show &Library", window)
        self.toggle_library.setCheckable(True)
        self.toggle_library.setChecked(True)
        self.toggle_library.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.toggle_library.setStatusTip("Show or collapse the library of stories")
        self.toggle_library.toggled.connect(self.set_library_visible)
        self.toggle_side = QAction("Show &Side Panels", window)
        self.toggle_side.setCheckable(True)
        self.toggle_side.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.toggle_side.setStatusTip("Show or collapse the details and claims panels")
        self.toggle_side.toggled.connect(self.set_side_visible)
        self._fresh = True
        self._settled = False
        for dock in docks:
            dock.visibilityChanged.connect(lambda _v: self._sync_side_action())

    def available(self) -> QRect:
        screen = self.window.screen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1400, 900)

    def restore(self) -> None:
        """Geometry, docks and splitter as saved, fitted to this screen."""
        settings, window = self.settings, self.window
        available = self.available()
        geometry, state = settings.geometry, settings.window_state
        if geometry is None or not window.restoreGeometry(geometry):
            window.resize(first_size(available))
        else:
            window.resize(fitted(window.size(), available))
        self._fresh = state is None or not window.restoreState(state)
        sizes = settings.splitter_sizes("main")
        self.splitter.setSizes(sizes if sizes and len(sizes) == 2 and sizes[0] > 0
                               else [LIBRARY_WIDTH, max(400, window.width() - LIBRARY_WIDTH)])
        shown = settings.library_visible
        if shown is not None:
            self.toggle_library.setChecked(shown)
            self.set_library_visible(shown)
        self._sync_side_action()

    def first_shown(self) -> None:
        """Once the window is on screen at its real size: the first launch on a small
        screen collapses the library; a sliver of a dock is widened."""
        if self._settled:  # before it was shown: its first frame is already laid out so
            return
        self._choose_library()
        QTimer.singleShot(0, self.widen_narrow_dock)

    def settle_before_show(self) -> None:
        """What ``first_shown`` does, done before the window is shown (at the size
        ``restore`` gave it): a story opened before the first frame is then laid out
        once, and its text does not wrap again a moment after it appears."""
        self._choose_library()
        self.widen_narrow_dock()
        self._settled = True

    def _choose_library(self) -> None:
        if self.settings.library_visible is None:
            self.toggle_library.setChecked(self.window.width() >= SMALL_SCREEN)
            self.set_library_visible(self.toggle_library.isChecked())

    def widen_narrow_dock(self) -> None:
        """A dock saved a sliver wide (the window was small once) comes back readable;
        on a first launch it takes its share of the window."""
        want = dock_width(self.window.width())
        for dock in self.docks:
            if not dock.isHidden() and not dock.isFloating() and (
                    self._fresh or dock.width() < DOCK_MIN):
                self.window.resizeDocks([dock], [want], Qt.Orientation.Horizontal)
                self._fresh = False
                return

    def set_library_visible(self, shown: bool) -> None:
        self.library.setVisible(shown)
        if self.toggle_library.isChecked() != shown:
            self.toggle_library.setChecked(shown)

    def set_side_visible(self, shown: bool) -> None:
        docked = [d for d in self.docks if not d.isFloating()]
        if shown == any(d.isVisible() for d in docked):
            return
        for dock in docked:
            dock.setVisible(shown)
        if shown and docked:
            docked[0].raise_()
            self.window.resizeDocks(docked[:1], [dock_width(self.window.width())],
                                    Qt.Orientation.Horizontal)

    def _sync_side_action(self) -> None:
        shown = any(d.isVisible() for d in self.docks if not d.isFloating())
        if self.toggle_side.isChecked() != shown:
            self.toggle_side.blockSignals(True)
            self.toggle_side.setChecked(shown)
            self.toggle_side.blockSignals(False)

    def save(self) -> None:
        settings = self.settings
        settings.geometry = self.window.saveGeometry()
        settings.window_state = self.window.saveState()
        if self.library.isVisible():
            settings.set_splitter_sizes("main", self.splitter.sizes())
        settings.library_visible = self.toggle_library.isChecked()
