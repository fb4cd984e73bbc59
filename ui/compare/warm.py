"""Warm what a comparison's first paint would otherwise make on the spot, while the
window waits for the comparison (idle turns, one step each).

The first full paint of a comparison was the longest turn of the GUI thread: PySide
creates each Qt enum class the first time Python touches it (``QGradient.Preset``'s 169
members when ``fillRect`` first resolves its overloads, the text classes' enums when a
pane first paints), and the font engine rasterises every glyph the first time it draws
it. Painting a small pane, a ribbon and a strip into an image while the model or the
cache reader works does all of that before the hand-over.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGradient,
    QImage,
    QPainter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLayout,
    QTextLine,
)

from ui.compare.link_gutter import paint_link
from ui.compare.palette import RolePalette
from ui.compare.spans import index_pane

#: The classes whose enums a comparison's first paint touches, by name: each is made once.
ENUM_OWNERS = (QGradient, QPainter, QTextFormat, QTextCharFormat, QTextBlockFormat,
               QTextCursor, QTextDocument, QTextLayout, QTextLine)
#: Every printable ASCII character, for the glyph cache (news text is mostly these).
SAMPLE = ("The quick brown fox jumps over the lazy dog: “THE 0123456789” — ‘said’ (a), "
          "b; c? d! e… 'f' \"g\" [h] {i} #j $k %l &m *n +o ,p -q .r /s <t> =u @v \\w ^x _y "
          "`z` |~ é")
#: A span of each kind a pane tints, underlines or boxes.
ROLES = ("row_changed", "row_added", "row_removed", "row_moved", "word_insert", "word_delete",
         "word_replace", "word_minor", "quote_verbatim", "quote_altered", "change:number",
         "entity:PERSON")


def warm_enums() -> None:
    """Make the Qt enums a first paint resolves (PySide creates them on first touch)."""
    for owner in ENUM_OWNERS:
        for name in dir(owner):
            if name[:1].isupper():
                getattr(owner, name, None)


def warm_pane(role_palette: RolePalette, zoom: int = 0) -> None:
    """Render a small pane with a tint of every role into an image: its font's glyphs,
    the text layout's and the formats' paths."""
    from ui.compare.text_pane import TextPane

    pane = TextPane(0, role_palette)
    try:
        pane.zoomIn(zoom)
        pane.resize(480, 240)
        text = "\n\n".join([SAMPLE, SAMPLE.upper(), SAMPLE.lower()])
        pane.setPlainText(text)
        step = max(1, len(text) // (len(ROLES) + 1))
        spans = [(i * step, i * step + step // 2, role) for i, role in enumerate(ROLES)]
        pane.set_layers(index_pane({"changes": spans}, {}))
        pane.show_layers(["changes"])
        image = QImage(pane.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        pane.render(image)
    finally:
        pane.deleteLater()


def warm_strokes(role_palette: RolePalette) -> None:
    """Paint a ribbon of each kind and a strip fill into an image (the gutters, the
    overview's first blank paint)."""
    image = QImage(64, 64, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, 8, 8), role_palette.tint("frame", 0.12))
        painter.fillRect(QRectF(0, 0, 4, 4), QColor(role_palette.text))
        for status in ("identical", "changed", "added", "removed", "moved"):
            paint_link(painter, role_palette, status, (2.0, 20.0, 8.0, 30.0), 56.0,
                       pinned=status == "changed")
        painter.drawText(QPointF(2, 40), "Aa")
    finally:
        painter.end()


def warm_steps(role_palette: RolePalette, zoom: int = 0) -> list[Callable[[], None]]:
    """The warm-up, one step per event-loop turn."""
    return [warm_enums, lambda: warm_strokes(role_palette),
            lambda: warm_pane(role_palette, zoom)]

