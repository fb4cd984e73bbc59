"""Every layer the panes draw, in one typed table: name, paint mode, order, toggle.

A layer is a list of ``(start, end, role)`` spans. The role names what a span is
(``word_insert``, ``entity:ORG``, ``claim:12``); this module is the one place that
reads a role to decide how it is drawn, so panes, the view, the menus and the
overview strip never parse role strings themselves. Colours come from the
``RolePalette``; label colours of claims arrive at run time (``set_label_colours``).
No Qt here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache


class Paint(enum.Enum):
    """How a span is drawn."""

    #: A Qt ExtraSelection: background tint, strike-out or a text underline style.
    TINT = "tint"
    #: An outlined box painted over the text (entities).
    BOX = "box"
    #: A thick underline painted under the text (typed changes).
    UNDERLINE = "underline"
    #: Brackets and a heavy underline in the label's colour, stacked when nested (claims).
    CLAIM = "claim"
    #: A dashed outline: a proposed counterpart waiting to be accepted or skipped.
    PROPOSAL = "proposal"
    #: A marker where an invisible or bidi control character sits (``control:RLO``).
    CONTROL = "control"


@dataclass(frozen=True, slots=True)
class LayerSpec:
    """One layer of the panes."""

    name: str
    #: Menu text of its toggle (None: not toggled by the analyst).
    title: str | None
    shortcut: str | None
    visible: bool
    #: Help text for the menu and the legend.
    description: str
    #: Shown and hidden with this other layer's toggle (None: on its own).
    follows: str | None = None


#: Paint order: tints first, then word backgrounds, then what is painted over the text.
LAYERS: tuple[LayerSpec, ...] = (
    LayerSpec("changes", "Show Changes", None, True,
              "Sentence tints and the word diff: inserted, deleted, replaced words"),
    LayerSpec("quotes", "Show Quotes", None, True,
              "Quotations underlined by how they compare, from verbatim to paraphrased"),
    LayerSpec("typed", "Show Typed Changes", None, True,
              "Numbers, dates, hedges, negation, sourcing and attribution that changed"),
    LayerSpec("entities", "Show Entities", "Ctrl+Shift+E", False,
              "Named entities boxed; dashed when only one version has them"),
    LayerSpec("corrections", None, None, False, "Entities the analyst corrected",
              follows="entities"),
    LayerSpec("invisibles", None, None, True,
              "Invisible and bidi control characters of the source, marked where they sit"),
    LayerSpec("claims", "Show Claims", "Ctrl+Shift+L", True,
              "The analyst's claim tags, in their label's colour"),
    LayerSpec("proposals", None, None, True,
              "Counterparts proposed for the claim just tagged"),
    LayerSpec("find", None, None, True, "Every match of the find bar, in every pane"),
)
LAYER_NAMES: tuple[str, ...] = tuple(spec.name for spec in LAYERS)
#: The layers the engine's comparison fills (the rest come from the analyst's work).
COMPARISON_LAYERS: tuple[str, ...] = ("changes", "typed", "entities", "quotes", "invisibles")
#: Tint priority inside the TINT mode: later kinds are drawn over earlier ones.
_TINT_PRIORITY = {"row": 0, "word": 1, "quote": 2, "change": 3, "find": 5}


def spec(name: str) -> LayerSpec:
    """The layer called ``name`` (ValueError for an unknown name)."""
    for layer in LAYERS:
        if layer.name == name:
            return layer
    raise ValueError(f"unknown layer {name!r}; expected one of {list(LAYER_NAMES)}")


def toggled_layers() -> tuple[LayerSpec, ...]:
    """The layers with a Show toggle, in menu order."""
    return tuple(layer for layer in LAYERS if layer.title is not None)


@cache
def paint_mode(role: str) -> Paint:
    """How a span of ``role`` is drawn."""
    if role.startswith("entity") or role.startswith("corrected"):
        return Paint.BOX
    if role.startswith("change:"):
        return Paint.UNDERLINE
    if role.startswith("claim:"):
        return Paint.CLAIM
    if role.startswith("proposal"):
        return Paint.PROPOSAL
    if role.startswith("control"):
        return Paint.CONTROL
    return Paint.TINT


@cache
def tint_priority(role: str) -> int:
    """Order of tinted roles within a pane (higher is drawn later, on top)."""
    return _TINT_PRIORITY.get(role.split("_", 1)[0].split(":", 1)[0], 4)


def entity_label(role: str) -> str | None:
    """The entity label of an ``entity:LABEL`` role; None for ``entity_unique`` and others."""
    kind, _, label = role.partition(":")
    return label if kind in ("entity", "corrected") and label else None


def claim_role(claim_id: int) -> str:
    """The role of a claim's spans."""
    return f"claim:{claim_id}"


def claim_id_of(role: str) -> int | None:
    """The claim id of a ``claim:N`` role, else None."""
    kind, _, rest = role.partition(":")
    return int(rest) if kind == "claim" and rest.isdigit() else None
