"""A pane's layers, indexed, and the tinted spans near its viewport handed to Qt.

Layers arrive as ``(start, end, role)`` spans in code points and tinted ones become
``QTextEdit.ExtraSelection``s: they never touch the document, so there is no undo
history to fill and no relayout. Only the spans near the viewport (the *window*) are
handed to Qt (a long story has tens of thousands), refreshed as the pane scrolls, so
a layer toggle costs the same on 500 words as on 50,000. Painted spans (boxes,
underlines, claims) stay here for the pane's painter to ask for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from ui.compare.layer_registry import tint_priority
from ui.compare.layers import Highlight
from ui.compare.offsets import OffsetMap
from ui.compare.palette import RolePalette
from ui.compare.spans import PaneSpans, SpanIndex, is_painted

#: Spans are handed to Qt for the visible text plus this many screens above and below.
WINDOW_SCREENS = 1
WINDOW_MIN_CHARS = 2_000
_EMPTY = SpanIndex(())


class SelectionHost(Protocol):
    """What the window needs of its pane."""

    offsets: OffsetMap

    def document(self) -> QTextDocument: ...
    def setExtraSelections(self, selections: Sequence[QTextEdit.ExtraSelection]) -> None: ...


def _priority(span: Highlight) -> int:
    return tint_priority(span[2])


class SpanWindow:
    """Every layer of one pane; tints near the viewport as Qt ExtraSelections."""

    def __init__(self, host: SelectionHost, role_palette: RolePalette) -> None:
        self._host = host
        self._palette = role_palette
        self._cache: dict[Highlight, QTextEdit.ExtraSelection] = {}
        self.tinted: dict[str, SpanIndex] = {}
        self.painted: dict[str, SpanIndex] = {}
        self.tips: dict[str, SpanIndex] = {}
        self.shown: tuple[str, ...] = ()
        #: The code point range whose tints Qt holds now (None: none handed over).
        self._range: tuple[int, int] | None = None
        self._layer: list[QTextEdit.ExtraSelection] = []
        self._overlay: list[QTextEdit.ExtraSelection] = []
        self.overlay_spans: list[Highlight] = []

    def reset(self) -> None:
        """Forget every layer (a new text)."""
        self._cache.clear()
        self.tinted, self.painted, self.tips = {}, {}, {}
        self._range, self._layer, self._overlay, self.overlay_spans = None, [], [], []

    def set_all(self, spans: PaneSpans) -> None:
        """Replace the comparison's layers (other layers, such as claims, stay)."""
        for name in set(spans.tinted) | set(spans.painted) | set(spans.tips):
            self.tinted[name] = spans.tinted.get(name, _EMPTY)
            self.painted[name] = spans.painted.get(name, _EMPTY)
            self.tips[name] = spans.tips.get(name, _EMPTY)
        self._range = None

    def set_layer(self, name: str, spans: Iterable[Highlight],
                  tips: Iterable[Highlight] = ()) -> bool:
        """Replace one layer; True when its tints changed (Qt must be handed new ones)."""
        spans = list(spans)
        tinted = SpanIndex(s for s in spans if not is_painted(s[2]))
        had_tints = bool(len(self.tinted.get(name, _EMPTY)))
        self.tinted[name] = tinted
        self.painted[name] = SpanIndex(s for s in spans if is_painted(s[2]))
        self.tips[name] = SpanIndex(tips)
        changed = had_tints or bool(len(tinted))
        if changed:
            self._range = None
        return changed

    def edit_painted(self, name: str, removed: Sequence[Highlight], added: Sequence[Highlight],
                     removed_tips: Sequence[Highlight], added_tips: Sequence[Highlight]) -> None:
        """Edit a painted-only layer (claims) in place: a few spans out, a few in."""
        self.painted.setdefault(name, SpanIndex(())).edit(removed, added)
        self.tips.setdefault(name, SpanIndex(())).edit(removed_tips, added_tips)
        self.tinted.setdefault(name, _EMPTY)

    def show(self, names: Sequence[str]) -> bool:
        """Show these layers (in this order); True if that changed anything."""
        if tuple(names) == self.shown:
            return False
        self.shown = tuple(names)
        self._range = None
        return True

    def set_overlay(self, highlights: Sequence[Highlight]) -> None:
        """Transient tints drawn over the layers (an altered quote's diff while hovered)."""
        self.overlay_spans = list(highlights)
        spans = self._host.offsets.spans_to_utf16(self.overlay_spans)
        self._overlay = [self._selection(span) for span in spans]
        self._host.setExtraSelections(self._layer + self._overlay)

    def forget_styles(self) -> None:
        """Drop cached formats (the palette changed); the next ``apply`` rebuilds them."""
        self._cache.clear()
        self._range = None

    def needs(self, first: int, last: int) -> bool:
        """Whether the UTF-16 range ``[first, last]`` leaves the window handed to Qt."""
        if not self.tinted:
            return False
        to_cp = self._host.offsets.to_code_point
        return (self._range is None or to_cp(first) < self._range[0]
                or to_cp(last) > self._range[1])

    def apply(self, first: int, last: int) -> None:
        """Hand Qt the tints around the UTF-16 range ``[first, last]`` (the viewport)."""
        margin = max(WINDOW_MIN_CHARS, (last - first) * WINDOW_SCREENS)
        to_cp = self._host.offsets.to_code_point
        lo, hi = to_cp(max(0, first - margin)), to_cp(last + margin)
        spans = sorted((span for name in self.shown if name in self.tinted
                        for span in self.tinted[name].overlapping(lo, hi)), key=_priority)
        self._range = (lo, hi)
        self._layer = [self._selection(s) for s in self._host.offsets.spans_to_utf16(spans)]
        self._host.setExtraSelections(self._layer + self._overlay)

    def painted_near(self, lo: int, hi: int) -> list[Highlight]:
        """Painted spans of the shown layers overlapping code points ``[lo, hi)``, sorted."""
        return sorted(span for name in self.shown if name in self.painted
                      for span in self.painted[name].overlapping(lo, hi))

    def highlight_ranges(self) -> list[Highlight]:
        """Every span of the shown layers, in code points: tints, overlay, painted spans."""
        tints = sorted((span for name in self.shown if name in self.tinted
                        for span in self.tinted[name].spans), key=_priority)
        return tints + self.overlay_spans + [span for name in self.shown if name in self.painted
                                             for span in self.painted[name].spans]

    def tips_at(self, cp: int) -> list[str]:
        """Hover texts of the shown layers at code point ``cp``."""
        return [text for name in self.shown if name in self.tips
                for _s, _e, text in self.tips[name].at(cp)]

    def _selection(self, span: Highlight) -> QTextEdit.ExtraSelection:
        sel = self._cache.get(span)
        if sel is None:
            cursor = QTextCursor(self._host.document())
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            sel.format = self._palette.char_format(span[2])
            self._cache[span] = sel
        return sel
