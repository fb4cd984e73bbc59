"""Role → text format table, light or dark, from the widget palette.

Hues come from the Okabe–Ito set, which stays distinct for the common forms of
colour blindness, and no layer relies on hue alone: deleted words are struck out,
typed changes a thick underline, quotes a dashed one (its pattern says the
status), entities an outlined box, rows a badge and a connector as well as a tint.
Tints are mixed into the pane's own base colour, so dark themes get dark tints and
the text colour keeps its contrast.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette, QTextCharFormat

from ui.compare.layer_registry import claim_id_of

OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999",
}

#: Entity label → colour (like spaCy displacy's table, but saturated enough for an
#: outline); callers may pass their own table to ``RolePalette``.
ENTITY_COLOURS: dict[str, str] = {
    "PERSON": "#0072B2", "ORG": "#009E73", "GPE": "#E69F00", "LOC": "#B8860B",
    "NORP": "#CC79A7", "FAC": "#8C6BB1", "EVENT": "#D55E00", "PRODUCT": "#5DA5A3",
    "LAW": "#A0522D", "WORK_OF_ART": "#8C6BB1", "LANGUAGE": "#A0522D",
    "DATE": "#56B4E9", "TIME": "#56B4E9", "MONEY": "#7F7F7F", "PERCENT": "#7F7F7F",
    "QUANTITY": "#7F7F7F", "CARDINAL": "#7F7F7F", "ORDINAL": "#7F7F7F",
}
_ENTITY_FALLBACK = "#999999"

_U = QTextCharFormat.UnderlineStyle
#: (hue, strength in light, strength in dark) of each tinted role.
_TINTS: dict[str, tuple[str, float, float]] = {
    "row_changed": ("sky", 0.20, 0.28), "row_added": ("green", 0.18, 0.28),
    "row_removed": ("vermillion", 0.16, 0.28), "row_moved": ("purple", 0.24, 0.32),
    "word_insert": ("green", 0.42, 0.55), "word_delete": ("vermillion", 0.38, 0.55),
    "word_replace": ("orange", 0.48, 0.55),
    "find_match": ("yellow", 0.80, 0.68),
    # strong enough to stand out under the hovered sentence's own translucent mark
    "quote_link": ("sky", 0.75, 0.60),
}
#: role → (underline style, hue); hues from OKABE_ITO or "text" for the text colour.
_LINES: dict[str, tuple[_U, str]] = {
    "word_minor": (_U.DotLine, "grey"),
    "change:number": (_U.WaveUnderline, "vermillion"),
    "change:date": (_U.WaveUnderline, "vermillion"),
    "change:hedge": (_U.WaveUnderline, "purple"), "change:negation": (_U.WaveUnderline, "blue"),
    "change:sourcing": (_U.WaveUnderline, "text"), "change:attribution": (_U.WaveUnderline, "text"),
    "quote_verbatim": (_U.DotLine, "green"), "quote_altered": (_U.DashUnderline, "vermillion"),
    "quote_added": (_U.DashDotLine, "green"), "quote_removed": (_U.DashDotDotLine, "vermillion"),
    "quote_paraphrased": (_U.DashUnderline, "blue"), "quote_unquoted_in_base": (_U.DotLine, "blue"),
    "quote_unquoted": (_U.SingleUnderline, "sky"),
    "quote_found": (_U.DotLine, "text"),
}


@dataclass(frozen=True, slots=True)
class Style:
    """How one role looks: a tint, an underline, a strike-out."""

    background: QColor | None = None
    underline: QTextCharFormat.UnderlineStyle | None = None
    underline_color: QColor | None = None
    strike: bool = False


def mix(base: QColor, hue: QColor, amount: float) -> QColor:
    """``hue`` laid over ``base`` at ``amount`` opacity, as an opaque colour."""
    return QColor.fromRgbF(
        base.redF() + (hue.redF() - base.redF()) * amount,
        base.greenF() + (hue.greenF() - base.greenF()) * amount,
        base.blueF() + (hue.blueF() - base.blueF()) * amount,
    )


def is_dark(palette: QPalette) -> bool:
    """True when the palette's text is lighter than its base (a dark theme)."""
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


class RolePalette:
    """Styles and char formats of every role for one widget palette."""

    def __init__(self, palette: QPalette, entity_colours: Mapping[str, str] | None = None) -> None:
        self._entities = {**ENTITY_COLOURS, **(entity_colours or {})}
        #: claim id → its label's colour (labels are the analyst's; they arrive at run time).
        self._claims: dict[int, QColor] = {}
        self._named: dict[str, QColor] = {}
        self.refresh(palette)

    def refresh(self, palette: QPalette) -> None:
        """Follow a new widget palette (a switch between light and dark)."""
        self.dark = is_dark(palette)
        self.base = palette.color(QPalette.ColorRole.Base)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.highlight = palette.color(QPalette.ColorRole.Highlight)
        self._formats: dict[str, QTextCharFormat] = {}

    def hue(self, name: str) -> QColor:
        """An Okabe–Ito hue, lightened on dark themes so lines stay visible."""
        if name == "text":
            return QColor(self.text)
        colour = QColor(OKABE_ITO.get(name, name))
        return colour.lighter(135) if self.dark else colour

    def style(self, role: str) -> Style:
        """The style of ``role``; unknown roles get an empty style."""
        if role in _TINTS:
            hue, light, dark = _TINTS[role]
            colour = mix(self.base, QColor(OKABE_ITO[hue]), dark if self.dark else light)
            return Style(background=colour, strike=role == "word_delete")
        if role in _LINES:
            line, hue = _LINES[role]
            return Style(underline=line, underline_color=self.hue(hue))
        return Style()

    def role_colour(self, role: str) -> QColor:
        """One solid colour per role, for connectors, the overview strip and badges."""
        for prefix, hue in (("row_changed", "sky"), ("row_added", "green"),
                            ("row_removed", "vermillion"), ("row_moved", "purple"),
                            ("changed", "sky"), ("added", "green"), ("removed", "vermillion"),
                            ("moved", "purple"), ("quote_altered", "vermillion"),
                            ("change:", "orange")):
            if role.startswith(prefix):
                return self.hue(hue)
        return mix(self.base, self.text, 0.35)

    def tint(self, role: str, amount: float) -> QColor:
        """``role_colour`` mixed into the base colour (for filled connectors)."""
        return mix(self.base, QColor(self.role_colour(role)), amount)

    def entity_colour(self, label: str) -> QColor:
        """The outline colour of an entity label."""
        colour = QColor(self._entities.get(label, _ENTITY_FALLBACK))
        return colour.lighter(140) if self.dark else colour

    def set_claim_colours(self, colours: Mapping[int, str | None]) -> None:
        """Update claims' label colours (``#rrggbb``); None forgets a claim's colour."""
        for claim, colour in colours.items():
            if colour is None:
                self._claims.pop(claim, None)
            else:
                self._claims[claim] = self._colour(colour)

    def _colour(self, name: str) -> QColor:
        colour = self._named.get(name)
        if colour is None:
            colour = self._named[name] = QColor(name)
        return colour

    def claim_colour(self, role: str) -> QColor:
        """The colour of a ``claim:N`` span: its label's, lightened on dark themes."""
        claim = claim_id_of(role)
        colour = QColor(self._claims.get(claim, QColor(self.text))) if claim is not None \
            else QColor(self.text)
        return colour.lighter(130) if self.dark else colour

    def char_format(self, role: str) -> QTextCharFormat:
        """A cached ``QTextCharFormat`` for ``role`` (used as an ExtraSelection format)."""
        fmt = self._formats.get(role)
        if fmt is None:
            fmt = QTextCharFormat()
            style = self.style(role)
            if style.background is not None:
                fmt.setBackground(style.background)
            if style.underline is not None:
                fmt.setUnderlineStyle(style.underline)
                fmt.setUnderlineColor(style.underline_color or self.text)
            if style.strike:
                fmt.setFontStrikeOut(True)
            fmt.setProperty(QTextCharFormat.Property.UserProperty, role)
            self._formats[role] = fmt
        return fmt
