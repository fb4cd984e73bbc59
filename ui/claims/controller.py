"""The claims of the story on screen: loaded once, then kept in step edit by edit.

The controller owns what the claim layer, the margin chips, the claims panel and the
claim navigation show, and refreshes only the claims a storage ``Change`` names: a
claim edit repaints one layer and one panel row, never the comparison. Tagging
(keys, proposals) lives in ``ui.claims.tagging``; the context menus in
``ui.claims.claim_menu``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import chain
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack

from core.claims import STATUS_WORDS
from core.errors import VariorumError
from ui.claims.claim_layers import ClaimParts, appearance_spans, claim_parts
from ui.claims.commands import DeleteClaimCommand, UpdateClaimCommand
from ui.commands import EditContext, LibraryCommand
from ui.entity_types import TYPE_NAMES
from ui.models.claim_entries import ClaimEntry, build_entries, build_entry
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from core.records import Comparison
    from core.storage.library import Library
    from core.storage.rows import ClaimRow, LabelRow
    from ui.compare.compare_view import CompareView
    from ui.library_bridge import StoryInputs
    from ui.panels.claims_panel import ClaimsPanel

log = logging.getLogger(__name__)
#: Up to this many claims, a story's entries are built at once on the GUI thread.
SYNC_CLAIMS = 200
#: Up to this many changed claims, the claim layers are edited in place, not rebuilt.
INCREMENTAL_CLAIMS = 16
StatusSink = Callable[[str, int], None]


class ClaimsController(QObject):
    """Claims of the story shown: entries, layers, panel rows, navigation."""

    def __init__(self, *, view: CompareView, panel: ClaimsPanel, context: EditContext,
                 undo_stack: QUndoStack, author: Callable[[], str], status: StatusSink,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view, self.panel, self.context = view, panel, context
        self.library: Library = context.library
        self.undo_stack = undo_stack
        self.author = author
        self.status = status
        self.inputs: StoryInputs | None = None
        self.comparison: Comparison | None = None
        self.labels: list[LabelRow] = []
        self.entries: dict[int, ClaimEntry] = {}
        #: Per claim, what it draws in each pane (rebuilt only for the claims that change).
        self._parts: dict[int, ClaimParts] = {}
        self._by_pane: list[dict[int, ClaimParts]] = []
        self.selected: int | None = None
        #: Builds the entries of a story with many claims; each show_story is one load.
        self._runner = TaskRunner(self)
        self._load = 0
        #: Claims changed while the entries were being built (None: not building).
        self._pending: set[int] | None = None
        panel.claim_activated.connect(self.activate)
        panel.edit_requested.connect(self.edit)
        panel.delete_requested.connect(self.delete)
        view.navigated.connect(self._navigated)

    # --  Loading and refreshing

    def show_story(self, inputs: StoryInputs, comparison: Comparison | None) -> None:
        """Load the claims of a story just shown (``comparison`` None: one version).

        The rows are read here (SQLite lives on this thread); measuring every
        appearance's drift takes ~0.3 ms each the first time, so a story with many
        claims gets its entries built on a worker while the panes stay usable.
        """
        self.inputs, self.comparison = inputs, comparison
        self.selected = None
        self.labels = self._read_labels()
        self.entries = {}
        self._load += 1
        rows: list[ClaimRow] = []
        if comparison is not None:
            try:
                rows = self.library.list_claims(story_id=inputs.story_id)
            except VariorumError as exc:
                self.status(f"Claims could not be read: {exc}", 8000)
        labels, ids, names, load = self.labels, inputs.version_ids, inputs.names, self._load
        if len(rows) <= SYNC_CLAIMS:
            self._loaded(load, build_entries(rows, labels, ids, names))
            return
        self._pending = set()
        self.panel.set_claims([], list(names), labels)
        self.status(f"Reading {len(rows):,} claims…", 0)
        self._runner.submit(
            lambda _state: build_entries(rows, labels, ids, names), key="claims",
            label="Reading the claims", on_success=lambda found: self._loaded(load, found),
            on_failure=lambda error: self.status(f"Claims could not be read: {error}", 8000))

    def _loaded(self, load: int, entries: list[ClaimEntry]) -> None:
        if load != self._load or self.inputs is None:
            return  # another story (or the same one again) was shown meanwhile
        self.entries = {entry.claim_id: entry for entry in entries}
        self.panel.set_claims(entries, list(self.inputs.names), self.labels)
        self._parts, self._by_pane = {}, []
        self._redraw(self.entries)
        self._draw_corrections(self.inputs)
        pending, self._pending = self._pending, None
        if pending:
            self.refresh(pending)

    def clear(self) -> None:
        """No story on screen (it was deleted): forget its claims and empty the panel."""
        self._load += 1  # an entry build still running is for a story gone
        self.inputs = self.comparison = None
        self.entries, self._parts, self._by_pane, self._pending = {}, {}, [], None
        self.panel.clear()

    def shutdown(self) -> None:
        """Stop the worker that builds entries (the window is closing)."""
        self._runner.shutdown(wait=False)

    def refresh(self, claim_ids: Iterable[int], *, labels: bool = False) -> None:
        """Bring the named claims (or, with ``labels``, all) up to date from storage."""
        if self.inputs is None or self.comparison is None:
            return
        if labels:
            self.show_story(self.inputs, self.comparison)
            return
        if self._pending is not None:  # the entries are still being built
            self._pending |= set(claim_ids)
            return
        changed = set(claim_ids)
        for claim_id in changed:
            row = self.library.get_claim(claim_id)
            entry = self._entry(row) if row is not None and row.story_id == \
                self.inputs.story_id else None
            if entry is None:
                if self.entries.pop(claim_id, None) is not None:
                    self.panel.model.remove(claim_id)
                continue
            self.entries[claim_id] = entry
            self.panel.model.upsert(entry)
        self._redraw(changed)

    def _read_labels(self) -> list[LabelRow]:
        try:
            return self.library.list_labels()
        except VariorumError as exc:
            self.status(f"Labels could not be read: {exc}", 8000)
            return []

    def _entry(self, row: object) -> ClaimEntry | None:
        assert self.inputs is not None
        try:
            return build_entry(row, {label.id: label for label in self.labels},  # type: ignore[arg-type]
                               self.inputs.version_ids, self.inputs.names)
        except ValueError:  # its origin is on a version not shown (deleted)
            return None

    def _redraw(self, changed: Iterable[int]) -> None:
        """Rebuild the parts of the ``changed`` claims; hand the panes they touch new layers.

        Parts are kept per pane and per claim, so one edit costs one claim's work plus
        joining lists in C (``chain``), whatever the number of claims.
        """
        if self.comparison is None or not self.view.panes:
            return
        panes = len(self.view.panes)
        if len(self._by_pane) != panes:
            self._by_pane = [{} for _ in range(panes)]
        shortcuts = {label.id: label.shortcut or "" for label in self.labels}
        changed = set(changed)
        # A few claims (an edit) are edited into the layers in place; many (a story
        # shown) rebuild them.
        incremental = bool(self._parts) and len(changed) <= INCREMENTAL_CLAIMS
        touched: set[int] = set()
        for claim_id in changed:
            old = self._parts.pop(claim_id, None)
            if old is not None:
                touched |= old.panes
                for pane in old.panes:
                    self._by_pane[pane].pop(claim_id, None)
            entry = self.entries.get(claim_id)
            new = self._pane_parts(entry, panes, shortcuts) if entry is not None else None
            if new is not None:
                self._parts[claim_id] = new
                touched |= new.panes
                for pane in new.panes:
                    self._by_pane[pane][claim_id] = new
            if incremental:
                for pane in (old.panes if old else set()) | (new.panes if new else set()):
                    self.view.edit_layer(
                        pane, "claims", old.spans.get(pane, []) if old else [],
                        new.spans.get(pane, []) if new else [],
                        old.tips.get(pane, []) if old else [],
                        new.tips.get(pane, []) if new else [])
        if not self._parts:
            touched = set(range(panes))  # no claims (left): clear whatever was drawn
        self.view.set_claim_colours({i: self.entries[i].label_colour if i in self.entries
                                     else None for i in changed})
        for index in sorted(touched):
            parts_here = self._by_pane[index].values()
            if not incremental:
                self.view.set_layer(
                    index, "claims",
                    list(chain.from_iterable(p.spans[index] for p in parts_here)),
                    list(chain.from_iterable(p.tips[index] for p in parts_here)))
            self.view.set_claim_chips(
                index, list(chain.from_iterable(p.chips[index] for p in parts_here)))
        targets = (p.target for p in self._parts.values())
        self.view.set_nav_targets("claim", sorted((t for t in targets if t is not None),
                                                  key=lambda t: t.sort_key))
        self.view.set_selected_claim(self.selected)

    def _draw_corrections(self, inputs: StoryInputs) -> None:
        """The analyst's entity corrections, drawn as square boxes with the entities."""
        for index in range(len(self.view.panes) if self.comparison is not None else 0):
            fixes = inputs.corrections.get(index, ())
            spans = [(c.start, c.end, f"corrected:{c.label or ''}") for c in fixes]
            tips = [(c.start, c.end, "Your correction: " + (
                f"a {TYPE_NAMES.get(c.label, c.label)}" if c.label else "not an entity"))
                for c in fixes]
            self.view.set_layer(index, "corrections", spans, tips)

    def _pane_parts(self, entry: ClaimEntry, panes: int,
                    shortcuts: dict[int, str]) -> ClaimParts:
        """A claim's parts, its chips moved to each pane's UTF-16 positions once."""
        parts = claim_parts(entry, panes, shortcuts)
        for pane, chips in parts.chips.items():
            to16 = self.view.panes[pane].offsets.to_utf16
            parts.chips[pane] = [replace(chip, position=to16(chip.position)) for chip in chips]
        return parts

    # --  Looking up

    def label(self, label_id: int | None) -> LabelRow | None:
        """The label with this id, if any."""
        return next((label for label in self.labels if label.id == label_id), None)

    def label_for_key(self, key: str) -> LabelRow | None:
        """The label whose shortcut is ``key`` (case-insensitive)."""
        return next((label for label in self.labels
                     if label.shortcut and label.shortcut.casefold() == key.casefold()), None)

    def claims_at(self, pane: int, position: int) -> list[ClaimEntry]:
        """Claims with an appearance covering code point ``position`` of ``pane``."""
        return [entry for entry in self.entries.values()
                for a in entry.appearances
                if a.version_index == pane and a.start is not None and a.end is not None
                and a.start <= position < a.end]

    # --  Panel requests

    def activate(self, claim_id: int) -> None:
        """Select a claim in every pane it appears in and scroll to it."""
        entry = self.entries.get(claim_id)
        if entry is None:
            return
        self.selected = claim_id
        self.view.set_selected_claim(claim_id)
        self.view.reveal_spans(appearance_spans(entry))
        self.panel.select_claim(claim_id)
        missing = ", ".join(self.inputs.names[i] for i in entry.missing_in) if self.inputs \
            else ""
        self.status(f"Claim: {entry.label_name or 'no label'} · "
                    f"{STATUS_WORDS.get(entry.status, entry.status)}"
                    + (f" · not found in {missing}" if missing else ""), 6000)

    def _navigated(self, kind: str, _index: int, _count: int, target: object) -> None:
        claim_id = getattr(target, "ref", None)
        if kind == "claim" and claim_id in self.entries:
            self.selected = claim_id
            self.panel.select_claim(claim_id)

    def edit(self, claim_id: int, field: str, value: object) -> bool:
        """Change a claim's label, status or note through the undo stack."""
        row = self.library.get_claim(claim_id)
        if row is None:
            return False
        if field == "label":
            label = self.label(value)  # type: ignore[arg-type]
            text = f"Label claim “{label.name if label else 'no label'}”"
        elif field == "status":
            text = f"Mark claim {STATUS_WORDS.get(str(value), str(value))}"
        else:
            text = "Edit claim note"
        if {"label": row.label_id, "status": row.status, "note": row.note}.get(field) == value:
            return False
        return self.push(UpdateClaimCommand(self.context, claim=row, field=field, value=value,
                                            description=text))

    def delete(self, claim_ids: Iterable[int]) -> None:
        """Delete claims (one undo step)."""
        rows = [row for row in (self.library.get_claim(i) for i in claim_ids) if row]
        if not rows:
            return
        self.undo_stack.beginMacro(f"Delete {len(rows)} claim{'s' if len(rows) != 1 else ''}")
        try:
            for row in rows:
                label = self.label(row.label_id)
                self.push(DeleteClaimCommand(self.context, claim=row,
                                             label_name=label.name if label else ""))
        finally:
            self.undo_stack.endMacro()

    def push(self, command: LibraryCommand) -> bool:
        """Run ``command`` on the undo stack; False if storage refused it (already shown)."""
        self.undo_stack.push(command)
        return command.error is None
