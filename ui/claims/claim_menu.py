"""Context-menu entries for claims and entity corrections in the panes.

Right-click a selection to tag it (Tag as claim ▸ label) or add it as an entity the
model missed; right-click a claim to relabel it, change its status, edit its note,
take it out of this version or delete it; right-click an entity to change its label
or mark it "not an entity". Corrections are stored and applied on every re-analysis.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from core.claims import STATUS_WORDS
from core.records import EntityRecord
from ui.claims.commands import EntityCorrectionCommand, RemoveAppearanceCommand
from ui.claims.controller import ClaimsController
from ui.claims.tagging import Tagger
from ui.entity_types import TYPE_NAMES

#: Asks for a note: (parent, claim text, old note) → (new note, accepted).
AskNote = Callable[[QWidget, str, str], tuple[str, bool]]


def ask_note(parent: QWidget, claim_text: str, note: str) -> tuple[str, bool]:
    return QInputDialog.getMultiLineText(parent, "Claim note",
                                         f"Note on “{claim_text[:80]}”:", note)


class ClaimMenu:
    """Adds the claim and entity entries to a pane's context menu."""

    def __init__(self, claims: ClaimsController, tagger: Tagger, parent: QWidget,
                 ask: AskNote = ask_note) -> None:
        self.claims, self.tagger, self.parent, self.ask = claims, tagger, parent, ask
        claims.view.add_menu_extender(self.extend)

    def extend(self, pane: int, menu: QMenu, position: int,
               selection: tuple[int, int] | None) -> None:
        if self.claims.comparison is None:
            return
        menu.addSeparator()
        if selection is not None:
            self._tag_menu(menu, pane, selection)
        for entry in self.claims.claims_at(pane, position):
            self._claim_menu(menu, pane, entry.claim_id)
        entity = self._entity_at(pane, position)
        if entity is not None:
            self._entity_menu(menu, pane, entity)
        elif selection is not None:
            self._add_entity_menu(menu, pane, selection)

    # --  Claims

    def _tag_menu(self, menu: QMenu, pane: int, selection: tuple[int, int]) -> None:
        sub = menu.addMenu("Tag as claim")
        for label in self.claims.labels:
            key = f"\t{label.shortcut}" if label.shortcut else ""
            action = sub.addAction(f"{label.name}{key}")
            action.setToolTip(getattr(label, "description", "") or label.name)
            action.triggered.connect(
                lambda _=False, k=label: self._tag_with(pane, selection, k.id))
        if not self.claims.labels:
            sub.addAction("No labels: add some in Edit ▸ Labels").setEnabled(False)

    def _tag_with(self, pane: int, selection: tuple[int, int], label_id: int) -> None:
        label = self.claims.label(label_id)
        if label is None:
            return
        if label.shortcut:
            self.tagger.tag(pane, *selection, label.shortcut)
            return
        # A label without a key: tag through a temporary lookup by name.
        self.tagger.tag_with_label(pane, selection[0], selection[1], label)

    def _claim_menu(self, menu: QMenu, pane: int, claim_id: int) -> None:
        entry = self.claims.entries[claim_id]
        text = entry.origin.text
        sub = menu.addMenu(f"Claim “{text[:30]}{'…' if len(text) > 30 else ''}”"
                           f" ({entry.label_name or 'no label'})")
        labels = sub.addMenu("Label")
        for label in self.claims.labels:
            action = labels.addAction(label.name)
            action.setCheckable(True)
            action.setChecked(label.id == entry.label_id)
            action.triggered.connect(
                lambda _=False, i=label.id: self.claims.edit(claim_id, "label", i))
        statuses = sub.addMenu("Status")
        for stored, word in STATUS_WORDS.items():
            action = statuses.addAction(word)
            action.setCheckable(True)
            action.setChecked(stored == entry.status)
            action.triggered.connect(
                lambda _=False, s=stored: self.claims.edit(claim_id, "status", s))
        sub.addAction("Edit note…").triggered.connect(lambda: self.edit_note(claim_id))
        sub.addAction("Select in every version").triggered.connect(
            lambda: self.claims.activate(claim_id))
        here = next((a for a in entry.appearances if a.version_index == pane), None)
        if here is not None and not here.origin:
            sub.addAction("Remove from this version").triggered.connect(
                lambda: self.claims.push(RemoveAppearanceCommand(
                    self.claims.context, claim_id=claim_id, appearance_id=here.appearance_id,
                    version_name=here.version_name)))
        sub.addSeparator()
        sub.addAction("Delete claim").triggered.connect(lambda: self.claims.delete([claim_id]))

    def edit_note(self, claim_id: int) -> bool:
        entry = self.claims.entries.get(claim_id)
        if entry is None:
            return False
        note, ok = self.ask(self.parent, entry.origin.text, entry.note)
        return ok and self.claims.edit(claim_id, "note", note)

    # --  Entities

    def _entity_at(self, pane: int, position: int) -> EntityRecord | None:
        assert self.claims.comparison is not None
        version = self.claims.comparison.versions[pane]
        return next((e for e in version.entities if e.start <= position < e.end), None)

    def _entity_menu(self, menu: QMenu, pane: int, entity: EntityRecord) -> None:
        assert self.claims.comparison is not None
        text = self.claims.comparison.versions[pane].text[entity.start:entity.end]
        kind = TYPE_NAMES.get(entity.label, entity.label)
        sub = menu.addMenu(f"Entity “{text[:30]}” ({kind})")
        kinds = sub.addMenu("Change type to")
        for code, word in TYPE_NAMES.items():
            if code != entity.label:
                kinds.addAction(word).triggered.connect(
                    lambda _=False, c=code: self.correct(pane, entity.start, entity.end, c,
                                                         f"Mark “{text}” as {TYPE_NAMES[c]}"))
        sub.addAction("Not an entity").triggered.connect(
            lambda: self.correct(pane, entity.start, entity.end, None,
                                 f"Mark “{text}” as not an entity"))

    def _add_entity_menu(self, menu: QMenu, pane: int, selection: tuple[int, int]) -> None:
        assert self.claims.comparison is not None
        text = self.claims.comparison.versions[pane].text[selection[0]:selection[1]].strip()
        if not text:
            return
        sub = menu.addMenu("Add as entity")
        for code, word in TYPE_NAMES.items():
            sub.addAction(word).triggered.connect(
                lambda _=False, c=code: self.correct(pane, *selection, c,
                                                     f"Add “{text[:30]}” as {TYPE_NAMES[c]}"))

    def correct(self, pane: int, start: int, end: int, label: str | None,
                description: str) -> bool:
        """Store an entity correction (undoable); the comparison re-aligns from cached parses."""
        claims = self.claims
        if claims.inputs is None or claims.comparison is None:
            return False
        from core.claims import snap_to_words

        span = snap_to_words(claims.comparison.versions[pane].text, start, end)
        if span is None:
            return False
        return claims.push(EntityCorrectionCommand(
            claims.context, version_id=claims.inputs.version_ids[pane], start=span.start,
            end=span.end, label=label, description=description))
