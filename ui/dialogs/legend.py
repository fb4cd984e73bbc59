"""Help ▸ Legend: every mark the panes, margins and ribbons draw, drawn by the same code
with the colours of the current palette, each with a line saying what it means.

Samples are real: tints are the panes' own text formats, boxes and underlines come
from ``PanePainter``, badges from ``paint_tag``, ribbons from ``paint_link``. The
words come from the layer registry and the modules that draw each mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QScrollArea, QVBoxLayout, QWidget

from ui.compare.layer_registry import Paint, paint_mode, spec
from ui.compare.link_gutter import LINK_WORDS, PINNED_WORDS, paint_link
from ui.compare.margin import BADGE_HUES, BADGE_WORDS, paint_tag
from ui.compare.palette import ENTITY_COLOURS, RolePalette
from ui.compare.pane_painter import PanePainter
from ui.entity_types import type_name

ROW_HEIGHT = 28
SAMPLE_WIDTH = 190
_LEGEND_CLAIM = 10**12  # a claim id no story uses: the sample's colour is set for it


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One row: how to draw the sample (``kind``), what it is, and what it means."""

    kind: str  # "heading", "text", "badge", "ribbon", "landing"
    role: str
    sample: str
    meaning: str


def _entity_entries() -> list[LegendEntry]:
    by_colour: dict[str, list[str]] = {}
    for label, colour in ENTITY_COLOURS.items():
        by_colour.setdefault(colour, []).append(label)
    return [LegendEntry("text", f"entity:{labels[0]}", type_name(labels[0]).capitalize(),
                        "Entity: " + ", ".join(type_name(label) for label in labels))
            for labels in by_colour.values()]


def legend_entries() -> list[LegendEntry]:
    """Every row of the legend, in sections."""
    t = "text"
    rows = [
        LegendEntry("heading", "", "Sentences", spec("changes").description),
        LegendEntry(t, "row_changed", "A reworded sentence", "Reworded: its words changed"),
        LegendEntry(t, "row_added", "A new sentence", "Only in this version: added"),
        LegendEntry(t, "row_removed", "A dropped sentence", "Only in the base: removed"),
        LegendEntry(t, "row_moved", "A moved sentence", "The same sentence, elsewhere"),
        LegendEntry("heading", "", "Words", "The word diff inside aligned sentences"),
        LegendEntry(t, "word_insert", "inserted", "Words this version added"),
        LegendEntry(t, "word_delete", "deleted", "Words the other version dropped (struck out)"),
        LegendEntry(t, "word_replace", "replaced", "Words swapped for others"),
        LegendEntry(t, "word_minor", "Minor", "Only case or punctuation changed"),
        LegendEntry("heading", "", "Typed changes", spec("typed").description),
        LegendEntry(t, "change:number", "30 workers", "A number changed (hover: what)"),
        LegendEntry(t, "change:date", "last June", "A date changed, or reworded to the same "
                    "date (hover: both dates and where they were read from)"),
        LegendEntry(t, "change:hedge", "may have", "A hedge added or removed"),
        LegendEntry(t, "change:negation", "did not", "A negation flipped"),
        LegendEntry(t, "change:sourcing", "officials said", "Sourcing or attribution changed"),
        LegendEntry("heading", "", "Quotes", spec("quotes").description),
        LegendEntry(t, "quote_verbatim", "“word for word”", "Quoted the same in both"),
        LegendEntry(t, "quote_altered", "“altered words”", "Quoted with other words "
                    "(hover: which; Alt+Shift+Down steps through them)"),
        LegendEntry(t, "quote_added", "“a new quote”", "A quote only this version has"),
        LegendEntry(t, "quote_removed", "“a lost quote”", "A quote only the base has"),
        LegendEntry(t, "quote_paraphrased", "“said words”", "Paraphrased as reported speech: "
                    "the other version reports it without quotation marks"),
        LegendEntry(t, "quote_unquoted_in_base", "“their words”", "Quoted from the base text "
                    "(unquoted there): the base says these words without quotation marks"),
        LegendEntry(t, "quote_unquoted", "said unquoted", "The unquoted words such a quote "
                    "is linked to: the reported speech, or the base's words"),
        LegendEntry(t, "quote_link", "linked words", "Tinted while their quote is hovered"),
        LegendEntry(t, "quote_found", "“a quote”", "A quote the import found (one version)"),
        LegendEntry("heading", "", "Entities", spec("entities").description
                    + " (View ▸ Show Entities)"),
        *_entity_entries(),
        LegendEntry(t, "entity_unique", "Only here", "Dashed: only one version names it"),
        LegendEntry(t, "corrected:ORG", "Corrected", "Square: an entity you corrected"),
        LegendEntry(t, "corrected", "Not an entity", "Dotted square: you said it is none"),
        LegendEntry("heading", "", "Invisible characters", spec("invisibles").description),
        LegendEntry(t, "control:ZWSP", "zero\u200bwidth", "A mark where one sits, with its "
                    "short name (hover: its full name)"),
        LegendEntry(t, "control_open:RLO", "left\u202eright", "Red: a direction override "
                    "never closed, so the text after it displays reversed"),
        LegendEntry("heading", "", "Claims", spec("claims").description),
        LegendEntry(t, f"claim:{_LEGEND_CLAIM}", "a tagged claim",
                    "Brackets and a heavy underline in the label's colour"),
        LegendEntry(t, f"proposal:{_LEGEND_CLAIM}", "proposed here",
                    "Dashed: the same claim proposed in this version (Enter accepts)"),
        LegendEntry("heading", "", "Margin", "Tags left of each sentence of another version"),
        *[LegendEntry("badge", letter, letter, f"{letter}: {words}")
          for letter, words in BADGE_WORDS.items()],
        LegendEntry("heading", "", "Ribbons", "Between two panes, joining aligned sentences"),
        *[LegendEntry("ribbon", status, status, f"{status.capitalize()}: {words}")
          for status, words in LINK_WORDS.items()],
        LegendEntry("ribbon", "pinned", "linked", f"Linked: {PINNED_WORDS}"),
        LegendEntry("heading", "", "Where you are", "Marks that follow the analyst"),
        LegendEntry("landing", "landing", "the landing row",
                    "Outlined: where next / previous change landed (Alt+Down / Alt+Up)"),
        LegendEntry("landing", "marked", "its counterparts",
                    "Shaded: the sentence hovered or clicked and its counterparts"),
        LegendEntry(t, "find_match", "a match", "Every match of the find bar (Ctrl+F)"),
    ]
    return rows


class LegendWidget(QWidget):
    """The legend drawn row by row with the real painters and palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = legend_entries()
        self.setMinimumWidth(SAMPLE_WIDTH + 520)

    def sizeHint(self) -> QSize:
        return QSize(SAMPLE_WIDTH + 600, ROW_HEIGHT * len(self.entries) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(SAMPLE_WIDTH + 520, ROW_HEIGHT * len(self.entries) + 8)

    def role_palette(self) -> RolePalette:
        palette = RolePalette(self.palette())
        palette.set_claim_colours({_LEGEND_CLAIM: "#0072B2"})
        return palette

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.role_palette()
        painter.fillRect(self.rect(), palette.base)
        for row, entry in enumerate(self.entries):
            top = 4 + row * ROW_HEIGHT
            self._paint_entry(painter, palette, entry, top)
        painter.end()

    def _paint_entry(self, painter: QPainter, palette: RolePalette, entry: LegendEntry,
                     top: float) -> None:
        sample = QRectF(8, top + 3, SAMPLE_WIDTH - 16, ROW_HEIGHT - 6)
        words = QRectF(SAMPLE_WIDTH, top, self.width() - SAMPLE_WIDTH - 8, ROW_HEIGHT)
        painter.setPen(palette.text)
        if entry.kind == "heading":
            font = QFont(self.font())
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(QRectF(8, top, SAMPLE_WIDTH, ROW_HEIGHT),
                             int(Qt.AlignmentFlag.AlignVCenter), entry.sample)
            painter.setFont(self.font())
            painter.drawText(words, int(Qt.AlignmentFlag.AlignVCenter), entry.meaning)
            return
        painter.drawText(words, int(Qt.AlignmentFlag.AlignVCenter), entry.meaning)
        if entry.kind == "badge":
            rect = QRectF(sample.left(), sample.top() + 2, 18, sample.height() - 4)
            paint_tag(painter, rect, palette.hue(BADGE_HUES.get(entry.role, "grey")),
                      entry.role, dark=palette.dark, base=palette.base)
        elif entry.kind == "ribbon":
            painter.save()
            painter.translate(sample.left(), sample.top())
            pinned = entry.role == "pinned"
            status = "changed" if pinned else entry.role
            ends = {"added": (9.0, 9.0, 2.0, 18.0), "removed": (2.0, 18.0, 9.0, 9.0)}.get(
                status, (2.0, 18.0, 4.0, 20.0) if status != "moved" else (0.0, 10.0, 10.0, 20.0))
            paint_link(painter, palette, status, ends, 56.0, pinned=pinned)
            painter.restore()
        else:
            self._paint_text_sample(painter, palette, entry, sample)

    def _paint_text_sample(self, painter: QPainter, palette: RolePalette,
                           entry: LegendEntry, rect: QRectF) -> None:
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(2)
        doc.setPlainText(entry.sample)
        doc.setTextWidth(rect.width())
        length = len(entry.sample)
        mode = paint_mode(entry.role) if entry.kind == "text" else None
        if mode is Paint.TINT:
            cursor = QTextCursor(doc)
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.mergeCharFormat(palette.char_format(entry.role))
        painter.save()
        painter.translate(rect.topLeft())
        doc.drawContents(painter)
        painter.restore()
        pane_painter = PanePainter(palette)
        offset = QPointF(rect.left(), rect.top())
        if entry.role == "landing":
            pane_painter.paint_landing(painter, doc, offset, [(0, length)])
        elif entry.role == "marked":
            pane_painter.paint_marked(painter, doc, offset, [(0, length)])
        elif mode is Paint.CONTROL:  # the mark sits on the one invisible character
            at = next(i for i, char in enumerate(entry.sample) if not char.isprintable())
            pane_painter.paint_spans(painter, doc, offset, [(at, at + 1, entry.role)])
        elif mode is not None and mode is not Paint.TINT:
            pane_painter.paint_spans(painter, doc, offset, [(0, length, entry.role)])

    def sample_colour(self, role: str) -> QColor:
        """The colour the legend uses for a tinted role (for tests)."""
        style = self.role_palette().style(role)
        return style.background or style.underline_color or QColor()


class LegendDialog(QDialog):
    """Help ▸ Legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Legend")
        self.legend = LegendWidget(self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.legend)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(self.legend.sizeHint().width() + 40, 620)
