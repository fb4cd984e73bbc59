"""One QUndoCommand per library edit: ``redo`` calls one Library method, ``undo`` its inverse.

Every command reports the storage ``Change`` it caused through ``context.notify`` so
the main window refreshes exactly what changed (the tree rows, the open comparison).

A storage call that fails inside ``redo``/``undo`` cannot raise through Qt's C++
``QUndoStack``; instead the command keeps the error, marks itself obsolete (so the
stack drops it rather than pretending the edit happened) and hands the error to
``context.report``, which shows it in plain words. Storage commits one transaction
per call, so nothing already stored is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from core.storage.library import Library
    from core.storage.rows import ReanchorReport
    from core.textio import SourceText

Notify = Callable[[Any], None]


@dataclass(frozen=True, slots=True)
class EditContext:
    """What every command needs: the library, a change listener and an error reporter."""

    library: Library
    notify: Notify
    report: Callable[[BaseException], None]


class LibraryCommand(QUndoCommand):
    """Base: runs one storage call per direction; subclasses define ``do``/``undo_it``."""

    def __init__(self, context: EditContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.library = context.library
        self.error: BaseException | None = None

    def redo(self) -> None:
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_it)

    def _run(self, step: Callable[[], Any]) -> None:
        try:
            change = step()
        except Exception as exc:  # reported in plain words; the stack drops the command
            self.error = exc
            self.setObsolete(True)
            self.context.report(exc)
            return
        self.context.notify(change)

    def do(self) -> Any:
        raise NotImplementedError

    def undo_it(self) -> Any:
        raise NotImplementedError


class RenameStoryCommand(LibraryCommand):
    def __init__(
        self, context: EditContext, story_id: int, old_title: str, new_title: str
    ) -> None:
        super().__init__(context, f"Rename story to “{new_title}”")
        self.story_id, self.old_title, self.new_title = story_id, old_title, new_title

    def do(self) -> Any:
        return self.library.rename_story(self.story_id, self.new_title)

    def undo_it(self) -> Any:
        return self.library.rename_story(self.story_id, self.old_title)


class EditVersionCommand(LibraryCommand):
    """A version's outlet and publication date; undo puts the old ones back."""

    def __init__(self, context: EditContext, version_id: int,
                 old: tuple[str | None, str | None], new: tuple[str | None, str | None],
                 name: str) -> None:
        super().__init__(context, f"Outlet and date of “{name}”")
        self.version_id, self.old, self.new = version_id, old, new

    def do(self) -> Any:
        outlet, published = self.new
        return self.library.update_version(self.version_id, outlet=outlet, published=published)

    def undo_it(self) -> Any:
        outlet, published = self.old
        return self.library.update_version(self.version_id, outlet=outlet, published=published)


class DeleteStoryCommand(LibraryCommand):
    """Deletion is a soft delete in storage, so undo restores the same ids and analyses."""

    def __init__(self, context: EditContext, story_id: int, title: str) -> None:
        super().__init__(context, f"Delete story “{title}”")
        self.story_id = story_id

    def do(self) -> Any:
        return self.library.delete_story(self.story_id)

    def undo_it(self) -> Any:
        return self.library.restore_story(self.story_id)


class DeleteVersionCommand(LibraryCommand):
    def __init__(self, context: EditContext, version_id: int, name: str) -> None:
        super().__init__(context, f"Delete version “{name}”")
        self.version_id = version_id

    def do(self) -> Any:
        return self.library.delete_version(self.version_id)

    def undo_it(self) -> Any:
        return self.library.restore_version(self.version_id)


class SetBaseCommand(LibraryCommand):
    def __init__(
        self, context: EditContext, story_id: int, old_base: int, new_base: int
    ) -> None:
        super().__init__(context, "Change base version")
        self.story_id, self.old_base, self.new_base = story_id, old_base, new_base

    def do(self) -> Any:
        return self.library.set_base(self.story_id, self.new_base)

    def undo_it(self) -> Any:
        return self.library.set_base(self.story_id, self.old_base)


class AlignmentOverrideCommand(LibraryCommand):
    """Pin (``pin``) or forbid (``forbid``) one base unit against one other unit.

    Undo puts back whatever override the pair had before (or none).
    """

    def __init__(
        self,
        context: EditContext,
        *,
        kind: str,
        base_version: int,
        other_version: int,
        base_unit: int,
        other_unit: int,
    ) -> None:
        text = "Link sentences" if kind == "pin" else "Unlink sentences"
        super().__init__(context, text)
        self.kind = kind
        self.key = (base_version, other_version, base_unit, other_unit)
        rows = self.library.list_alignment_overrides(base_version, other_version)
        self.previous = next(
            (r.kind for r in rows if (r.base_unit, r.other_unit) == (base_unit, other_unit)),
            None,
        )

    def do(self) -> Any:
        return self.library.set_alignment_override(*self.key, self.kind)

    def undo_it(self) -> Any:
        if self.previous is not None:
            return self.library.set_alignment_override(*self.key, self.previous)
        return self.library.remove_alignment_override(*self.key)


class ReplaceTextCommand(LibraryCommand):
    """Give a version a corrected text; claims and corrections are re-anchored onto it.

    Undo gives the version its previous text back (kept by the library as a revision),
    re-anchoring again; the report of the last run is kept for the message shown.
    """

    def __init__(self, context: EditContext, *, version_id: int, source: SourceText,
                 previous: SourceText, name: str) -> None:
        super().__init__(context, f"Replace the text of {name}")
        self.version_id, self.source, self.previous = version_id, source, previous
        self.report: ReanchorReport | None = None

    def do(self) -> Any:
        self.report, change = self.library.replace_version_text(self.version_id, self.source)
        return change

    def undo_it(self) -> Any:
        self.report, change = self.library.replace_version_text(self.version_id, self.previous)
        return change
