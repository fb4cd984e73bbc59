"""Start the GUI: platform check, QApplication, error hook, library, main window."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from core.trace import stamp
from ui.messages import user_message
from ui.options import GuiOptions, options_from
from ui.platform_check import EXIT_MISSING_LIBRARIES, check_platform

if TYPE_CHECKING:
    from core.first_look_process import FirstLookProcess

log = logging.getLogger("variorum")


class ErrorSink(Protocol):
    """Anything that can show an error to the user (the main window)."""

    def show_error(self, title: str, message: str) -> None: ...


def run(args: GuiOptions | argparse.Namespace | None = None,
        first_look: FirstLookProcess | None = None) -> int:
    """Run the application until its window closes; return the process exit status.

    A short story asked for is opened before the window is shown, so its first look is
    in the window's first frame; the model's process starts once the window is built
    (when that story's analysis starts, else in ``MainWindow.start``): started at launch,
    its work slowed the window's start by 0.2 s on two cores and brought the model's
    comparison no sooner (``bench_first_sight``). ``first_look`` is the files' first look
    being made in a process of its own (``ui.entry``), for a story too long to compare
    before the window shows.
    """
    options = options_from(args)
    message = check_platform()
    if message is not None:
        print(message, file=sys.stderr)
        return EXIT_MISSING_LIBRARIES
    app = create_application()
    from ui.analysis import default_hooks
    from ui.main_window import MainWindow
    from ui.settings import Settings

    settings = Settings()
    window = MainWindow.create(settings=settings, options=options, hooks=default_hooks())
    if window is None:  # the library could not be opened; the user was told
        if first_look is not None:
            first_look.close()
        return 1
    if first_look is not None:
        window.analysis.expect_first_look(first_look)
    install_error_hook(window)
    stamp("window-built")
    window.open_before_show()
    window.show()
    stamp("window-shown")
    window.start()
    status = app.exec()
    return int(status)


def create_application() -> QApplication:
    """The QApplication with Variorum's names, high-DPI policy and theme."""
    existing = QApplication.instance()
    if existing is None:
        # Fractional scale factors (125 %, 150 %) render crisply instead of rounding.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        existing = QApplication(sys.argv[:1])
    assert isinstance(existing, QApplication)
    configure_application(existing)
    return existing


def configure_application(app: QApplication) -> None:
    """Names (they scope QSettings), the window icon name and the theme."""
    from ui.settings import APPLICATION, ORGANISATION

    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("variorum")
    from ui.theme import apply_theme

    apply_theme(app)


# ---------------------------------------------------------------------- error hook


def install_error_hook(window: ErrorSink) -> Callable[..., None]:
    """Show unexpected exceptions in a dialog; keep the traceback for the log only."""
    previous = sys.excepthook
    showing = False

    def hook(
        kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        log.error("unhandled error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if showing:  # an error while reporting an error: do not stack dialogs
            return
        showing = True
        try:
            window.show_error("Unexpected problem", user_message(error))
        finally:
            showing = False

    sys.excepthook = hook
    return hook
