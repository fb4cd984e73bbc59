"""The main window's actions and menus, built in one place; the window connects them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass
class Actions:
    """The main window's own actions; the comparison's come from ``CompareView.actions``."""

    open_files: QAction
    add_files: QAction
    paste_text: QAction
    import_demo: QAction
    reanalyse: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    legend: QAction
    shortcuts: QAction
    about: QAction


def _action(
    window: QMainWindow,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    return action


def build_actions(window: QMainWindow, undo_stack: QUndoStack) -> Actions:
    key = QKeySequence.StandardKey
    undo = undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence(key.Undo))
    redo = undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence(key.Redo))
    return Actions(
        open_files=_action(window, "&Open as New Story…", key.Open,
                           "Import article files as the versions of a new story"),
        add_files=_action(window, "&Add Versions to This Story…", "Ctrl+Shift+O",
                          "Import article files as more versions of the story shown"),
        paste_text=_action(
            window, "&Paste as new version…", "Ctrl+Shift+V", "Add pasted text as a version"
        ),
        import_demo=_action(window, "Open the &demo story", None, "Open the demo story"),
        reanalyse=_action(window, "&Analyse again", "F5", "Run the analysis again"),
        quit=_action(window, "&Quit", key.Quit),
        undo=undo,
        redo=redo,
        find=_action(window, "&Find…", key.Find, "Find text in every version (a find bar)"),
        legend=_action(window, "&Legend", key.HelpContents,
                       "What every colour, underline, box, badge and ribbon means"),
        shortcuts=_action(window, "&Keyboard Shortcuts", "Ctrl+/",
                          "Every shortcut, from the menus themselves"),
        about=_action(window, "&About Variorum"),
    )


def widen(actions: Sequence[QAction]) -> list[QAction]:
    """Make view actions work from anywhere in the window once they sit in its menus."""
    for action in actions:
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    return list(actions)


def build_menus(
    window: QMainWindow,
    actions: Actions,
    view_actions: Any,
    docks: Sequence[QAction] = (),
    *,
    edit_extra: Sequence[QAction] = (),
    panels: Sequence[QAction] = (),
) -> dict[str, QMenu]:
    """File, Edit, View and Help; ``view_actions`` is the compare view's action set."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([actions.open_files, actions.add_files, actions.paste_text,
                          actions.import_demo])
    file_menu.addSeparator()
    file_menu.addAction(actions.reanalyse)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([actions.undo, actions.redo])
    edit_menu.addSeparator()
    edit_menu.addAction(actions.find)
    edit_menu.addActions(widen([view_actions.find_next, view_actions.find_previous]))
    if edit_extra:
        edit_menu.addSeparator()
        edit_menu.addActions(list(edit_extra))
    view_menu = bar.addMenu("&View")
    v = view_actions
    groups = (
        list(v.toggles.values()),
        [v.zoom_in, v.zoom_out, v.zoom_reset],
        [v.next_change, v.previous_change, v.next_quote, v.previous_quote],
        [v.next_claim, v.previous_claim, v.claim_in_next_pane],
        [v.swap_version, *panels],
        list(docks),
    )
    for group in groups:
        view_menu.addActions(widen(group))
        view_menu.addSeparator()
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([actions.legend, actions.shortcuts])
    help_menu.addSeparator()
    help_menu.addAction(actions.about)
    return {"file": file_menu, "edit": edit_menu, "view": view_menu, "help": help_menu}
