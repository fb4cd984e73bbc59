"""Moving through a comparison: next / previous stops from where the analyst is, and
the find bar across every pane.

"Where the analyst is" is the sentence last clicked or where the text cursor was
moved to; the first step after that goes on from there, later steps from the stop
shown. A stop is outlined, not selected: a selection would hide the very word marks
the analyst came to see. Changes and altered quotes go round at the ends, and the
status line says so before it happens.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ui.compare import layers as lay
from ui.compare.find import Match
from ui.compare.find_bar import PaneFinder
from ui.compare.nav_status import nav_status

if TYPE_CHECKING:
    from ui.compare.compare_view import CompareView

#: Kinds that go round at either end (claims stop: their panel shows the whole list).
WRAPPING = frozenset({"change", "quote"})
#: Kinds that start from where the analyst clicked (claims follow their panel).
FROM_HERE = WRAPPING


class ViewSteps:
    """Navigation and find for one ``CompareView``."""

    def __init__(self, view: CompareView) -> None:
        self.view = view
        #: (pane, code point) where the analyst last clicked or moved the cursor.
        self.here: tuple[int, int] | None = None
        self._here_used: set[str] = set()
        self._quiet = 0
        self.finder = PaneFinder(lambda: [p.offsets.text for p in view.panes],
                                 self._show_matches)
        bar = view.find_bar
        bar.query_changed.connect(self._query_changed)
        bar.step_requested.connect(self.find_step)
        bar.closed.connect(self._find_closed)

    @contextmanager
    def _moving(self) -> Iterator[None]:
        """Cursor moves made here are not the analyst's: they set no "here"."""
        self._quiet += 1
        self.view._syncing = True
        try:
            yield
        finally:
            self.view._syncing = False
            self._quiet -= 1

    def comparison_set(self) -> None:
        """A new comparison: start from the top, search the new texts again."""
        self.here, self._here_used = None, set()
        if self.finder.query and self.view.find_bar.isVisible():
            self.finder.refresh()

    def cursor_moved(self, pane: int) -> None:
        """The text cursor moved in ``pane`` (a click, the keyboard, a details row)."""
        if self._quiet or self.view._syncing:
            return
        text_pane = self.view.panes[pane]
        self.here = (pane, text_pane.offsets.to_code_point(text_pane.textCursor().position()))
        self._here_used = set()

    # --  Next / previous

    def go(self, kind: str, step: int) -> bool:
        """Show the next (``step`` 1) or previous (-1) stop of ``kind`` from here."""
        view, navigator = self.view, self.view.navigator
        if self.here is not None and kind in FROM_HERE and kind not in self._here_used:
            navigator.place(kind, *self.here)
            self._here_used.add(kind)
        target = navigator.step(kind, step, wrap=kind in WRAPPING)
        if target is None:
            if not navigator.targets(kind):
                view.status_message.emit(nav_status(kind, 0, 0, None, ""))
            return False
        if kind == "claim":  # a claim is washed in its colour, not hidden under a selection
            self.reveal_spans(target.spans)
            view.set_selected_claim(target.ref)
        else:
            self._show_target(target)
        index, count = navigator.position(kind)
        view.navigated.emit(kind, index, count, target)
        if kind != "claim":  # the claims controller speaks for claims
            view.status_message.emit(nav_status(
                kind, index, count, target, view.name(target.other),
                wrapped=navigator.wrapped, forward=step > 0))
        return True

    def _show_target(self, target: lay.NavTarget) -> None:
        view = self.view
        view.show_version(target.other)
        view._set_partner(target.other)
        with self._moving():
            for index, pane in enumerate(view.panes):
                span = target.spans.get(index)
                pane.set_landing([span] if span else [])
                if span is not None:
                    pane.scroll_to_span(span[0])
        view.sync_from(0 if 0 in target.spans else target.other,
                        skip=list(target.spans))

    def claim_in_next_pane(self) -> bool:
        """Move from the claim shown in the active pane to its appearance in the next pane."""
        view = self.view
        index, _count = view.navigator.position("claim")
        if not index:
            return False
        target = view.navigator.targets("claim")[index - 1]
        panes = sorted(target.spans)
        later = [p for p in panes if p > view.active_pane()] or panes
        pane = later[0]
        view.show_version(pane)
        view._active = pane
        view.panes[pane].setFocus()
        self.reveal_span(pane, *target.spans[pane])
        return True

    def reveal_spans(self, spans: Mapping[int, tuple[int, int]]) -> None:
        """Scroll to a span in several panes at once, selecting nothing."""
        if not spans:
            return
        view = self.view
        other = next((pane for pane in sorted(spans) if pane), 0)
        view._set_partner(other)
        with self._moving():
            for index, pane in enumerate(view.panes):
                cursor = pane.textCursor()
                cursor.clearSelection()
                pane.setTextCursor(cursor)
                if index in spans:
                    pane.scroll_to_span(spans[index][0])
        view.sync_from(min(spans), skip=list(spans))

    def reveal_span(self, pane: int, start: int, end: int) -> None:
        """Scroll one pane to ``[start, end)`` only if it is out of sight; the others stay."""
        text_pane = self.view.panes[pane]
        first, last = text_pane.visible_range()
        to16 = text_pane.offsets.to_utf16
        if first <= to16(start) and to16(end) <= last:
            return
        with self._moving():
            text_pane.scroll_to_span(start)

    def select_span(self, version_index: int, start: int, end: int) -> None:
        """Select ``[start, end)`` (code points) in one pane; the others follow it."""
        view = self.view
        view.show_version(version_index)
        view._syncing = True
        try:
            view.panes[version_index].select_span(start, end)
        finally:
            view._syncing = False
        self.here, self._here_used = (version_index, start), set()
        view._active = version_index
        view.sync_from(version_index)

    # --  Find

    def open_find(self) -> None:
        view = self.view
        selection = view.panes[view.active_pane()].selection_span() if view.panes else None
        text = ""
        if selection is not None:
            pane = view.panes[view.active_pane()]
            text = pane.offsets.text[selection[0]:selection[1]]
            text = text if "\n" not in text and len(text) < 200 else ""
        view.find_bar.open_bar(text)

    def _from_here(self) -> tuple[int, int]:
        if self.here is not None:
            return self.here
        pane = self.view.panes[self.view.active_pane()]
        return self.view.active_pane(), pane.offsets.to_code_point(pane.textCursor().position())

    def _query_changed(self, query: str, match_case: bool) -> None:
        if not query:
            self.finder.clear()
            return
        self.finder.search(query, match_case, self._from_here())

    def find(self, text: str, forward: bool = True) -> bool:
        """Search every pane for ``text``; the next match (or previous) from here is shown."""
        if not text or not self.view.panes:
            return False
        bar = self.view.find_bar
        if text != self.finder.query or not bar.isVisible():
            bar.setVisible(True)
            bar.edit.blockSignals(True)
            bar.edit.setText(text)
            bar.edit.blockSignals(False)
            self.finder.search(text, bar.match_case.isChecked(), self._from_here())
            if not forward and self.finder.matches:
                self.finder.step(-1)
            return bool(self.finder.matches)
        return self.finder.step(1 if forward else -1) is not None

    def find_step(self, step: int) -> bool:
        """The next or previous match (the bar opens again with the last query)."""
        if not self.finder.query:
            self.view.find_bar.open_bar()
            return False
        if not self.view.find_bar.isVisible():
            return self.find(self.finder.query, step > 0)
        return self.finder.step(step) is not None

    def _find_closed(self) -> None:
        self._highlight([])
        self.view.status_message.emit("")
        pane = self.view.panes[self.view.active_pane()] if self.view.panes else None
        if pane is not None:
            pane.setFocus()

    def _highlight(self, matches: Sequence[Match]) -> None:
        by_pane: dict[int, list[lay.Highlight]] = {i: [] for i in range(len(self.view.panes))}
        for match in matches:
            by_pane[match.pane].append((match.start, match.end, "find_match"))
        for index, spans in by_pane.items():
            self.view.set_layer(index, "find", spans)

    def _show_matches(self, matches: Sequence[Match], current: int) -> None:
        view = self.view
        self._highlight(matches)
        text = self.finder.count_text([view.name(i, short=True) for i in range(len(view.panes))])
        view.find_bar.set_count(text)
        if 0 <= current < len(matches):
            match = matches[current]
            view.show_version(match.pane)
            view._syncing = True
            try:
                view.panes[match.pane].select_span(match.start, match.end)
            finally:
                view._syncing = False
            self.here, self._here_used = (match.pane, match.start), set()
            view._active = match.pane
            view.sync_from(match.pane)
        if text:
            view.status_message.emit(f"Find “{self.finder.query}”: {text}")
