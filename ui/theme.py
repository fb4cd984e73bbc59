"""A dark palette for the whole application, asked for with ``VARIORUM_THEME=dark``.

Qt follows the desktop's palette by default; on desktops that give none (or to see
the dark variant anywhere) the variable switches to this one with the Fusion style,
which draws every widget from the palette.
"""

from __future__ import annotations

import os

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEME_ENV = "VARIORUM_THEME"
_DARK = {
    QPalette.ColorRole.Window: "#2b2b2e", QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1e21", QPalette.ColorRole.AlternateBase: "#2a2a2e",
    QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#35353a",
    QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#35353a",
    QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#8a8a8a",
    QPalette.ColorRole.Mid: "#55555a", QPalette.ColorRole.Dark: "#18181a",
    QPalette.ColorRole.Light: "#4a4a50", QPalette.ColorRole.Link: "#7fb2f0",
}


def dark_palette() -> QPalette:
    """Variorum's dark palette (grey surfaces, light text, a blue selection)."""
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText,
                     QColor("#7a7a7a"))
    return palette


def apply_theme(app: QApplication, theme: str | None = None) -> str:
    """Apply ``theme`` (default: ``$VARIORUM_THEME``); "dark" or "" for the desktop's."""
    chosen = (theme if theme is not None else os.environ.get(THEME_ENV, "")).strip().lower()
    if chosen == "dark":
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        return "dark"
    return ""
