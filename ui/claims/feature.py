"""Claim tagging put together: the claims dock, the controller, the tagger, the menus,
the label schema dialog, the undo history and the preferences.

The main window builds one ``ClaimsFeature`` and tells it when a story is shown and
when storage changed; everything about claims is reached from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QUndoView, QVBoxLayout

from core.errors import VariorumError
from ui.claims.claim_menu import ClaimMenu
from ui.claims.controller import ClaimsController
from ui.claims.tagging import Tagger
from ui.commands import EditContext
from ui.panels.claims_panel import ClaimsPanel

if TYPE_CHECKING:
    from core.label_schema import LabelSpec
    from core.records import Comparison
    from core.storage.changes import Change
    from ui.compare.compare_view import CompareView
    from ui.library_bridge import StoryInputs
    from ui.settings import Settings
    from ui.status import StatusLine


class ClaimsFeature(QObject):
    """Everything about claims in the main window."""

    def __init__(self, window: QMainWindow, *, view: CompareView, context: EditContext,
                 undo_stack: QUndoStack, settings: Settings, status: StatusLine) -> None:
        super().__init__(window)
        self.window, self.settings, self.undo_stack = window, settings, undo_stack
        self.panel = ClaimsPanel(window)
        self.controller = ClaimsController(
            view=view, panel=self.panel, context=context, undo_stack=undo_stack,
            author=lambda: settings.author_name, status=status.show_message, parent=self)
        self.tagger = Tagger(self.controller, self)
        self.menu = ClaimMenu(self.controller, self.tagger, window)
        self.history: QDialog | None = None
        self.edit_labels_action = QAction("&Labels…", window)
        self.edit_labels_action.setStatusTip("Edit the claim labels: names, colours, keys")
        self.edit_labels_action.triggered.connect(self.edit_labels)
        self.history_action = QAction("&History", window)
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.history_action.setStatusTip("Every edit, to undo or redo up to any point")
        self.history_action.triggered.connect(self.show_history)
        self.preferences_action = QAction("&Preferences…", window)
        self.preferences_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.preferences_action.triggered.connect(self.edit_preferences)

    def show_story(self, inputs: StoryInputs, comparison: Comparison | None) -> None:
        self.tagger.cancel()
        self.controller.show_story(inputs, comparison)

    def shutdown(self) -> None:
        """The window is closing."""
        self.controller.shutdown()

    def clear(self) -> None:
        self.tagger.pending = []
        self.controller.clear()

    def on_change(self, change: Change | None, *, labels: bool) -> None:
        ids = change.claims if change is not None else frozenset()
        if change is None:
            labels = True
        self.controller.refresh(ids, labels=labels)

    # --  Dialogs

    def edit_labels(self) -> bool:
        """The label schema dialog; the result is applied to the library."""
        from core.label_schema import LabelSpec
        from ui.dialogs.label_schema import LabelSchemaDialog

        library = self.controller.library
        rows = library.list_labels()
        specs = [LabelSpec(r.name, r.colour, r.shortcut, getattr(r, "description", ""),
                           r.position) for r in rows]
        dialog = LabelSchemaDialog(specs, [r.id for r in rows], self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            self.apply_labels(dialog.result_labels(), dialog.removed_ids())
        except VariorumError as exc:
            QMessageBox.warning(self.window, "Labels not all changed", str(exc))
        self.controller.refresh((), labels=True)
        return True

    def apply_labels(self, labels: list[tuple[int | None, LabelSpec]],
                     removed: list[int]) -> None:
        """Store the edited schema: removals first (so names and keys can move), then edits."""
        library = self.controller.library
        for label_id in removed:
            library.delete_label(label_id)
        # Free every shortcut first: two labels may swap keys.
        for label_id, _spec in labels:
            if label_id is not None:
                library.update_label(label_id, shortcut=None)
        for position, (label_id, spec) in enumerate(labels):
            if label_id is None:
                new_id, _ = library.add_label(spec.name, spec.colour, spec.shortcut,
                                              description=spec.description)
                library.update_label(new_id, position=position)
            else:
                library.update_label(label_id, name=spec.name, colour=spec.colour,
                                     shortcut=spec.shortcut, description=spec.description,
                                     position=position)

    def show_history(self) -> QDialog:
        """Edit ▸ History: the undo stack; clicking a step undoes or redoes up to it."""
        if self.history is None:
            dialog = QDialog(self.window)
            dialog.setWindowTitle("History")
            dialog.resize(360, 420)
            layout = QVBoxLayout(dialog)
            view = QUndoView(self.undo_stack, dialog)
            view.setEmptyLabel("Opened")
            layout.addWidget(view)
            dialog.setWindowFlag(Qt.WindowType.Tool)
            self.history = dialog
        self.history.show()
        self.history.raise_()
        return self.history

    def edit_preferences(self) -> bool:
        from ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self.window)
        return dialog.exec() == QDialog.DialogCode.Accepted
