"""Help ▸ Keyboard Shortcuts: generated from the window's menus, so it cannot go stale.

Every action in a menu with a shortcut is listed under its menu; the few keys the
panes and the find bar read themselves come from the modules that handle them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.claims.tagging import PANE_KEYS
from ui.compare.find_bar import FIND_BAR_KEYS

#: (section, what it does, keys)
Row = tuple[str, str, str]


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…. ")


def menu_rows(menus: Mapping[str, QMenu]) -> list[Row]:
    """(menu title, action text, shortcuts) of every menu action that has a shortcut."""
    rows: list[Row] = []
    for menu in menus.values():
        rows += _rows_of(menu, _plain(menu.title()))
    return rows


def _rows_of(menu: QMenu, section: str) -> list[Row]:
    rows: list[Row] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            rows += _rows_of(submenu, f"{section} ▸ {_plain(submenu.title())}")
            continue
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if keys:
            rows.append((section, _plain(action.text()), ", ".join(keys)))
    return rows


def all_rows(menus: Mapping[str, QMenu]) -> list[Row]:
    """The menus' shortcuts, then the keys read by the panes and the find bar."""
    extra = [("In the panes", what, keys) for keys, what in PANE_KEYS]
    extra += [("Find bar", what, keys) for keys, what in FIND_BAR_KEYS]
    return menu_rows(menus) + extra


class ShortcutsDialog(QDialog):
    """A two-level list: sections, then what each key does."""

    def __init__(self, rows: Sequence[Row], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        sections: dict[str, QTreeWidgetItem] = {}
        for section, what, keys in rows:
            parent_item = sections.get(section)
            if parent_item is None:
                parent_item = sections[section] = QTreeWidgetItem(self.tree, [section, ""])
                font = parent_item.font(0)
                font.setBold(True)
                parent_item.setFont(0, font)
                parent_item.setFirstColumnSpanned(True)
            QTreeWidgetItem(parent_item, [what, keys])
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(520, 600)

    def rows(self) -> list[Row]:
        """What the dialog lists, as (section, action, keys)."""
        found: list[Row] = []
        for index in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(index)
            for child in range(section.childCount()):
                item = section.child(child)
                found.append((section.text(0), item.text(0), item.text(1)))
        return found
