"""Everything the comparison view derives from a ``Comparison``, built ahead of time.

Turning a 50,000-word comparison into spans, connectors and navigation stops takes
a few hundred milliseconds of pure Python. ``prepare`` does it on a worker thread,
so the GUI thread only hands finished lists to its widgets. No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.records import Comparison
from ui.compare import layers as lay
from ui.compare.spans import PaneSpans, index_pane


@dataclass(frozen=True, slots=True)
class PreparedComparison:
    """A comparison and what the view shows of it, with the base diffed against ``partner``."""

    comparison: Comparison
    partner: int
    layers: list[lay.PaneLayers]
    #: The same layers indexed for the panes.
    spans: list[PaneSpans]
    change_targets: list[lay.NavTarget]
    quote_targets: list[lay.NavTarget]
    counterparts: lay.Counterparts
    badges: list[dict[int, str]]
    #: Connectors of each gutter: ``links[i]`` joins pane ``i`` and pane ``i + 1``.
    links: list[list[lay.Link]]


def prepare(comparison: Comparison, partner: int = 1,
            names: Sequence[str] = ()) -> PreparedComparison:
    """Derive the view's content from ``comparison`` (pure; safe on any thread).

    ``names`` are the versions' names for hover texts (the file names when empty).
    """
    count = len(comparison.versions)
    partner = partner if 0 < partner < count else (1 if count > 1 else 0)
    layers, spans = layers_and_spans(comparison, partner, names)
    return PreparedComparison(
        comparison=comparison,
        partner=partner,
        layers=layers,
        spans=spans,
        change_targets=lay.change_targets(comparison),
        quote_targets=lay.quote_targets(comparison),
        counterparts=lay.counterparts(comparison),
        badges=lay.badges(comparison),
        links=[lay.links(comparison, index, index + 1) for index in range(count - 1)],
    )


def layers_and_spans(comparison: Comparison, partner: int,
                     names: Sequence[str] = ()) -> tuple[list[lay.PaneLayers], list[PaneSpans]]:
    """Every pane's layers with the base diffed against ``partner``, and the same indexed."""
    layers = lay.build_layers(comparison, partner, names)
    return layers, [index_pane(pane.layers, pane.tips) for pane in layers]
