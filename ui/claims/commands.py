"""One QUndoCommand per tagging action; each calls one Library method and its inverse.

Every call commits before it returns, so what is on screen is on disk. Ids are kept
across undo and redo (a claim re-created by redo gets its old id), so later commands
on the stack still point at the right rows. Consecutive note edits of one claim merge
into one undo step (``mergeWith``), as a text editor merges typing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.storage.changes import Change
from ui.commands import EditContext, LibraryCommand

if TYPE_CHECKING:
    from core.storage.rows import ClaimRow

#: QUndoCommand ids of mergeable commands.
NOTE_EDIT_ID = 8101


class AddClaimCommand(LibraryCommand):
    """Tag ``[start, end)`` of a version as a claim with a label."""

    def __init__(self, context: EditContext, *, version_id: int, start: int, end: int,
                 label_id: int | None, label_name: str, author: str) -> None:
        super().__init__(context, f"Tag claim as “{label_name or 'no label'}”")
        self.version_id, self.start, self.end = version_id, start, end
        self.label_id, self.author = label_id, author
        self.claim_id: int | None = None
        self._deleted: ClaimRow | None = None

    def do(self) -> Change:
        if self._deleted is not None:  # redo: the same claim, id and timestamps
            return self.library.restore_claim(self._deleted)
        self.claim_id, change = self.library.add_claim(
            self.version_id, self.start, self.end, label_id=self.label_id, author=self.author)
        return change

    def undo_it(self) -> Change:
        assert self.claim_id is not None
        self._deleted = self.library.get_claim(self.claim_id)
        return self.library.delete_claim(self.claim_id)


class AddAppearanceCommand(LibraryCommand):
    """Accept a proposed counterpart: the claim appears in another version too."""

    def __init__(self, context: EditContext, *, claim_id: int, version_id: int, start: int,
                 end: int, version_name: str) -> None:
        super().__init__(context, f"Accept claim in {version_name}")
        self.claim_id, self.version_id, self.start, self.end = claim_id, version_id, start, end
        self.appearance_id: int | None = None

    def do(self) -> Change:
        self.appearance_id, change = self.library.add_appearance(
            self.claim_id, self.version_id, self.start, self.end,
            appearance_id=self.appearance_id)
        return change

    def undo_it(self) -> Change:
        assert self.appearance_id is not None
        return self.library.remove_appearance(self.appearance_id)


class RemoveAppearanceCommand(LibraryCommand):
    """Take a claim out of one version (not the version it was tagged in)."""

    def __init__(self, context: EditContext, *, claim_id: int, appearance_id: int,
                 version_name: str) -> None:
        super().__init__(context, f"Remove claim from {version_name}")
        row = context.library.get_claim(claim_id)
        found = next((a for a in row.appearances if a.id == appearance_id), None) if row else None
        if found is None or found.start is None or found.end is None:
            raise ValueError(f"claim {claim_id} has no appearance {appearance_id} to remove")
        self.claim_id, self.appearance_id = claim_id, appearance_id
        self.version_id, self.start, self.end = found.version_id, found.start, found.end

    def do(self) -> Change:
        return self.library.remove_appearance(self.appearance_id)

    def undo_it(self) -> Change:
        self.appearance_id, change = self.library.add_appearance(
            self.claim_id, self.version_id, self.start, self.end,
            appearance_id=self.appearance_id)
        return change


class UpdateClaimCommand(LibraryCommand):
    """Change a claim's label, status or note; note edits in a row merge."""

    def __init__(self, context: EditContext, *, claim: ClaimRow, field: str, value: object,
                 description: str) -> None:
        super().__init__(context, description)
        if field not in ("label", "status", "note"):
            raise ValueError(f"a claim has no field {field!r} to edit")
        self.claim_id, self.field = claim.id, field
        old = {"label": claim.label_id, "status": claim.status, "note": claim.note}[field]
        self.old, self.new = old, value

    def _set(self, value: object) -> Change:
        if self.field == "label":
            return self.library.update_claim(self.claim_id, label_id=value)  # type: ignore[arg-type]
        if self.field == "status":
            return self.library.update_claim(self.claim_id, status=str(value))
        return self.library.update_claim(self.claim_id, note=str(value))

    def do(self) -> Change:
        return self._set(self.new)

    def undo_it(self) -> Change:
        return self._set(self.old)

    def id(self) -> int:
        return NOTE_EDIT_ID if self.field == "note" else -1

    def mergeWith(self, other: object) -> bool:
        if not isinstance(other, UpdateClaimCommand) or other.field != "note" \
                or other.claim_id != self.claim_id or other.error is not None:
            return False
        self.new = other.new
        return True


class DeleteClaimCommand(LibraryCommand):
    """Delete a claim with all its appearances; undo re-creates it exactly."""

    def __init__(self, context: EditContext, *, claim: ClaimRow, label_name: str) -> None:
        super().__init__(context, f"Delete claim “{label_name or 'no label'}”")
        self.claim = claim

    def do(self) -> Change:
        return self.library.delete_claim(self.claim.id)

    def undo_it(self) -> Change:
        return self.library.restore_claim(self.claim)


class EntityCorrectionCommand(LibraryCommand):
    """Correct one entity span (a label, or None: not an entity); undo puts back what was."""

    def __init__(self, context: EditContext, *, version_id: int, start: int, end: int,
                 label: str | None, description: str) -> None:
        super().__init__(context, description)
        self.version_id, self.start, self.end, self.label = version_id, start, end, label
        existing = next((c for c in context.library.list_entity_corrections(version_id)
                         if (c.start, c.end) == (start, end)), None)
        self.previous = existing
        self.correction_id: int | None = existing.id if existing else None

    def do(self) -> Change:
        self.correction_id, change = self.library.add_entity_correction(
            self.version_id, self.start, self.end, self.label,
            correction_id=None if self.previous else self.correction_id)
        return change

    def undo_it(self) -> Change:
        if self.previous is not None:
            _id, change = self.library.add_entity_correction(
                self.version_id, self.start, self.end, self.previous.label, self.previous.key)
            return change
        assert self.correction_id is not None
        return self.library.delete_entity_correction(self.correction_id)
