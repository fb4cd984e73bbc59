"""Tagging from the keyboard: a selection plus a label key makes a claim, then its
counterparts in the other versions are proposed one by one.

Enter accepts the proposal shown, Esc skips it; the next one is then
shown, until none is left. Proposals come from the alignment, narrowed through the
word diff (``core.claims.propose_counterparts``), and are drawn as dashed outlines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent

from core.claims import claim_drift, drift_label, propose_counterparts, snap_to_words
from ui.claims.commands import AddAppearanceCommand, AddClaimCommand
from ui.claims.controller import ClaimsController

if TYPE_CHECKING:
    from core.storage.rows import LabelRow

_ACCEPT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_SKIP_KEYS = (Qt.Key.Key_Escape,)
#: The keys the panes read themselves (not actions), for Help ▸ Keyboard Shortcuts.
PANE_KEYS = (
    ("1 – 9", "Over a selection: tag it as a claim with that label"),
    ("Enter", "Accept the claim proposed in another version"),
    ("Esc", "Skip the proposal"),
    ("Shift+arrows", "From a click: select words to tag"),
)


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed appearance of a claim in one pane."""

    claim_id: int
    pane: int
    start: int
    end: int


class Tagger(QObject):
    """Turns the view's claim requests into claims and walks through their proposals."""

    def __init__(self, claims: ClaimsController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.claims = claims
        self.pending: list[Proposal] = []
        #: Panes whose proposals layer holds something.
        self._drawn: set[int] = set()
        view = claims.view
        view.claim_requested.connect(self.tag)
        view.add_key_handler(self.handle_key)

    def tag(self, pane: int, start: int, end: int, key: str) -> int | None:
        """Tag the selection ``[start, end)`` of ``pane`` with the label of ``key``."""
        if self.claims.comparison is None:
            return None
        label = self.claims.label_for_key(key)
        if label is None:
            self.claims.status(f"No label has the key {key}: see Edit ▸ Labels", 5000)
            return None
        return self.tag_with_label(pane, start, end, label)

    def tag_with_label(self, pane: int, start: int, end: int, label: LabelRow) -> int | None:
        """Tag ``[start, end)`` of ``pane`` (snapped to words) as a claim of ``label``."""
        claims, comparison = self.claims, self.claims.comparison
        if comparison is None or claims.inputs is None:
            return None
        span = snap_to_words(comparison.versions[pane].text, start, end)
        if span is None:
            claims.status("Select some words to tag a claim", 4000)
            return None
        command = AddClaimCommand(
            claims.context, version_id=claims.inputs.version_ids[pane], start=span.start,
            end=span.end, label_id=label.id, label_name=label.name, author=claims.author())
        if not claims.push(command) or command.claim_id is None:
            return None
        claims.selected = command.claim_id
        text_pane = claims.view.panes[pane]
        cursor = text_pane.textCursor()
        cursor.clearSelection()  # the claim's own marks show what was tagged
        text_pane.setTextCursor(cursor)
        self._propose(command.claim_id, pane, span.start, span.end)
        return command.claim_id

    def _propose(self, claim_id: int, pane: int, start: int, end: int) -> None:
        comparison = self.claims.comparison
        assert comparison is not None
        found = propose_counterparts(comparison, pane, start, end)
        self.pending = [Proposal(claim_id, other, span.start, span.end)
                        for other, span in sorted(found.items()) if span is not None]
        self._show()

    def _show(self) -> None:
        """Draw the first pending proposal and say which keys answer it."""
        view, claims = self.claims.view, self.claims
        for index in self._drawn:
            view.set_layer(index, "proposals", [])
        self._drawn = set()
        if not self.pending:
            return
        proposal = self.pending[0]
        entry = claims.entries.get(proposal.claim_id)
        text = claims.comparison.versions[proposal.pane].text[proposal.start:proposal.end] \
            if claims.comparison else ""
        drift = drift_label(claim_drift(entry.origin.text, text)) if entry else ""
        tip = f"Proposed counterpart ({drift}): Enter accepts, Esc skips"
        view.set_layer(proposal.pane, "proposals",
                       [(proposal.start, proposal.end, f"proposal:{proposal.claim_id}")],
                       [(proposal.start, proposal.end, tip)])
        self._drawn.add(proposal.pane)
        view.reveal_span(proposal.pane, proposal.start, proposal.end)
        name = claims.inputs.names[proposal.pane] if claims.inputs else "another version"
        more = f" ({len(self.pending) - 1} more)" if len(self.pending) > 1 else ""
        claims.status(f"Same claim in {name}? “{_short(text)}” — {drift}. "
                      f"Enter accepts, Esc skips{more}", 0)

    def accept(self) -> bool:
        """Accept the proposal shown; False when there is none."""
        if not self.pending:
            return False
        proposal = self.pending.pop(0)
        claims = self.claims
        assert claims.inputs is not None
        claims.push(AddAppearanceCommand(
            claims.context, claim_id=proposal.claim_id,
            version_id=claims.inputs.version_ids[proposal.pane], start=proposal.start,
            end=proposal.end, version_name=claims.inputs.names[proposal.pane]))
        self._after_answer()
        return True

    def skip(self) -> bool:
        """Skip the proposal shown; False when there is none."""
        if not self.pending:
            return False
        self.pending.pop(0)
        self._after_answer()
        return True

    def cancel(self) -> None:
        """Drop every pending proposal (another story, another claim)."""
        self.pending = []
        self._drawn = {pane for pane in self._drawn if pane < len(self.claims.view.panes)}
        self._show()

    def _after_answer(self) -> None:
        self._show()
        if not self.pending:
            self.claims.status("Claim tagged", 3000)

    def handle_key(self, _pane: int, event: QKeyEvent) -> bool:
        """Enter accepts and Esc skips while a proposal is shown."""
        if not self.pending or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if event.key() in _ACCEPT_KEYS:
            return self.accept()
        if event.key() in _SKIP_KEYS:
            return self.skip()
        return False


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
