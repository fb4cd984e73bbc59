"""The Help menu's windows: the legend, the keyboard shortcuts, About."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QWidget


def show_legend(parent: QWidget) -> QDialog:
    """Help ▸ Legend (non-modal: it can stay open beside the panes)."""
    from ui.dialogs.legend import LegendDialog

    dialog = LegendDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_shortcuts(parent: QWidget, menus: Mapping[str, QMenu]) -> QDialog:
    """Help ▸ Keyboard Shortcuts, listed from ``menus`` as they are now."""
    from ui.dialogs.shortcuts import ShortcutsDialog, all_rows

    dialog = ShortcutsDialog(all_rows(menus), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About Variorum", (
        "<b>Variorum</b><p>Compare versions of one news story: aligned sentences, "
        "word changes, entities, quotes and typed changes such as numbers, "
        "hedges and attributions.</p><p>Help ▸ Legend says what every mark means.</p>"))
