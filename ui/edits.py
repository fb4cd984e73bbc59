"""Undoable library edits: turn a request (rename, delete, set base, link) into a command.

The main window connects requests to these methods; each builds one command from
``ui.commands`` and pushes it onto the window's ``QUndoStack``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QWidget

from core.textio import SourceText, text_format
from ui.commands import (
    AlignmentOverrideCommand,
    DeleteStoryCommand,
    DeleteVersionCommand,
    EditContext,
    EditVersionCommand,
    LibraryCommand,
    RenameStoryCommand,
    ReplaceTextCommand,
    SetBaseCommand,
)
from ui.dialogs.version_properties import Properties, ask_version_properties
from ui.library_bridge import LibraryBridge, version_name
from ui.models.library_model import LibraryModel

AskText = Callable[[QWidget, str, str, str], tuple[str, bool]]
#: Asks for a version's outlet and date: (parent, name, outlet, published).
AskProperties = Callable[[QWidget, str, "str | None", "str | None"], "Properties | None"]


def ask_text(parent: QWidget, title: str, label: str, text: str) -> tuple[str, bool]:
    return QInputDialog.getText(parent, title, label, text=text)


class LibraryEditor:
    """Builds and pushes the undo commands for edits the user asks for."""

    def __init__(
        self,
        context: EditContext,
        bridge: LibraryBridge,
        model: LibraryModel,
        undo_stack: QUndoStack,
        parent: QWidget,
        ask: AskText = ask_text,
        ask_properties: AskProperties = ask_version_properties,
    ) -> None:
        self.context = context
        self.bridge = bridge
        self.model = model
        self.undo_stack = undo_stack
        self.parent = parent
        self.ask = ask
        self.ask_properties = ask_properties

    def push(self, command: LibraryCommand) -> bool:
        """Run ``command``; False if storage refused it (the error was already shown)."""
        self.undo_stack.push(command)
        return command.error is None

    def rename_story(self, story_id: int, title: str | None = None) -> bool:
        story = self.model.story_at(self.model.story_index(story_id))
        if story is None:
            return False
        if title is None:
            title, ok = self.ask(self.parent, "Rename story", "Title:", story.title)
            if not ok:
                return False
        title = title.strip()
        if not title or title == story.title:
            return False
        return self.push(RenameStoryCommand(self.context, story_id, story.title, title))

    def delete_story(self, story_id: int) -> bool:
        story = self.model.story_at(self.model.story_index(story_id))
        if story is None:
            return False
        return self.push(DeleteStoryCommand(self.context, story_id, story.title))

    def edit_version(self, story_id: int, version_id: int) -> bool:
        """Ask for a version's outlet and date and store them (undoable)."""
        row = self.context.library.get_version(version_id)
        if row is None or row.story_id != story_id:
            return False
        name = version_name(row.source, row.outlet, row.published)
        answer = self.ask_properties(self.parent, name, row.outlet, row.published)
        if answer is None or answer == (row.outlet, row.published):
            return False
        return self.push(EditVersionCommand(self.context, version_id,
                                            (row.outlet, row.published), answer, name))

    def delete_version(self, story_id: int, version_id: int) -> bool:
        version = self.model.version_at(self.model.version_index(story_id, version_id))
        name = version.label if version is not None else f"#{version_id}"
        return self.push(DeleteVersionCommand(self.context, version_id, name))

    def set_base(self, story_id: int, version_id: int) -> bool:
        versions = self.bridge.versions(story_id)
        old = next((v.id for v in versions if v.is_base), None)
        if old is None or old == version_id:
            return False
        return self.push(SetBaseCommand(self.context, story_id, old, version_id))

    def replace_text(self, version_id: int, source: SourceText) -> ReplaceTextCommand | None:
        """Replace a version's text with a corrected one (undoable); the command, or None."""
        row = self.context.library.get_version(version_id)
        if row is None:
            return None
        previous = SourceText(row.source, row.text, row.content_hash, text_format(row.format),
                              row.encoding, row.title)
        command = ReplaceTextCommand(self.context, version_id=version_id, source=source,
                                     previous=previous, name=version_name(row.source, row.outlet,
                                                                          row.published))
        return command if self.push(command) else None

    def override_units(
        self, story_id: int, kind: str, other: int, base_unit: int, other_unit: int
    ) -> bool:
        """Link (pin) or unlink (forbid) a base unit and a unit of version ``other``."""
        ids = self.bridge.story_inputs(story_id).version_ids
        if not 0 < other < len(ids):
            return False
        return self.push(AlignmentOverrideCommand(
            self.context, kind=kind, base_version=ids[0], other_version=ids[other],
            base_unit=base_unit, other_unit=other_unit,
        ))
