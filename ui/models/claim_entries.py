"""Claims as the claims panel shows them: storage rows joined with labels, versions and drift.

Pure Python (no Qt), so the model, the panel and the tests share one flat, frozen value per
claim. Drift is measured once here, for every appearance against the claim's origin
appearance (``core.claims.claim_drift``), never while painting or sorting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.claims import claim_drift, drift_label
from core.collector import collector_paused, settle_long_lived

if TYPE_CHECKING:
    from core.storage.rows import AppearanceRow, ClaimRow, LabelRow

#: How serious each kind of drift is, for "the worst drift" of a claim and for sorting.
DRIFT_SEVERITY: Mapping[str, int] = {
    "verbatim": 0,
    "reworded": 1,
    "attribution": 2,
    "hedge": 3,
    "date": 4,
    "number": 5,
    "negation": 6,
    "absent": 7,
}
NO_LABEL_COLOUR = "#9e9e9e"


@dataclass(frozen=True, slots=True)
class AppearanceEntry:
    """One appearance of a claim in one shown version.

    The origin (the appearance the analyst tagged) is the base of drift: its own
    ``drift_kinds``, ``drift_label`` and ``drift_details`` are empty.
    """

    appearance_id: int
    version_index: int
    version_name: str
    start: int | None
    end: int | None
    text: str
    origin: bool
    anchor: str
    drift_kinds: tuple[str, ...]
    drift_label: str
    drift_details: tuple[str, ...]

    @property
    def severity(self) -> int:
        """The most serious of ``drift_kinds`` (-1 for the origin)."""
        return max((DRIFT_SEVERITY.get(kind, 1) for kind in self.drift_kinds), default=-1)


@dataclass(frozen=True, slots=True)
class ClaimEntry:
    """A claim with its label, its appearances (origin first) and the versions it misses."""

    claim_id: int
    label_id: int | None
    label_name: str
    label_colour: str
    status: str
    note: str
    author: str
    created_at: str
    modified_at: str
    appearances: tuple[AppearanceEntry, ...]
    missing_in: tuple[int, ...]

    @property
    def origin(self) -> AppearanceEntry:
        """The appearance the analyst tagged (always the first)."""
        return self.appearances[0]

    @property
    def worst(self) -> AppearanceEntry | None:
        """The non-origin appearance that drifted most (the first such), or None."""
        others = self.appearances[1:]
        if not others:
            return None
        return max(others, key=lambda a: (a.severity, len(a.drift_kinds)))

    @property
    def drift_summary(self) -> str:
        """The worst drift in words ("number changed"); "" when no other version has it."""
        worst = self.worst
        return worst.drift_label if worst is not None else ""

    @property
    def drift_kinds(self) -> frozenset[str]:
        """Every kind of drift this claim shows, for filtering.

        ``verbatim`` only when every other appearance is verbatim; ``absent`` when a
        shown version has no appearance.
        """
        kinds = {k for a in self.appearances[1:] for k in a.drift_kinds if k != "verbatim"}
        if not kinds and len(self.appearances) > 1:
            kinds.add("verbatim")
        if self.missing_in:
            kinds.add("absent")
        return frozenset(kinds)

    @property
    def version_indices(self) -> tuple[int, ...]:
        """Indices (0 = base) of the versions the claim appears in, in version order."""
        return tuple(sorted(a.version_index for a in self.appearances))


def build_entries(
    claims: Sequence[ClaimRow],
    labels: Sequence[LabelRow],
    version_ids: Sequence[int],
    version_names: Sequence[str],
) -> list[ClaimEntry]:
    """Entries for ``claims`` over the shown versions (``version_ids``, base first).

    A claim whose origin is on a version not shown (a deleted version) is left out:
    no pane could show what it was measured against.

    Measuring drift the first time costs far more than the rest (about 0.1-0.5 ms per
    appearance, in ``core.claims``): build a whole story's entries on a worker thread.
    The entries are exempted from later collector passes, as the comparison is.
    """
    labels_by_id = {label.id: label for label in labels}
    shown = set(version_ids)
    with collector_paused():
        entries = [build_entry(claim, labels_by_id, version_ids, version_names)
                   for claim in claims if _origin(claim).version_id in shown]
        settle_long_lived()  # before the collector resumes, or its first pass scans them all
    return entries


def build_entry(
    claim: ClaimRow,
    labels_by_id: Mapping[int, LabelRow],
    version_ids: Sequence[int],
    version_names: Sequence[str],
) -> ClaimEntry:
    """One claim's entry; raises ``ValueError`` if its origin is not on a shown version."""
    index_of = {version_id: index for index, version_id in enumerate(version_ids)}
    origin = _origin(claim)
    if origin.version_id not in index_of:
        raise ValueError(f"claim {claim.id}: its origin is not on a version shown")
    appearances = [_appearance(origin, origin.quote, index_of, version_names)]
    for row in claim.appearances:
        if row is not origin and row.version_id in index_of:
            appearances.append(_appearance(row, origin.quote, index_of, version_names))
    present = {a.version_index for a in appearances}
    label = labels_by_id.get(claim.label_id) if claim.label_id is not None else None
    return ClaimEntry(
        claim_id=claim.id,
        label_id=claim.label_id,
        label_name=label.name if label is not None else "",
        label_colour=label.colour if label is not None else NO_LABEL_COLOUR,
        status=claim.status,
        note=claim.note,
        author=claim.author,
        created_at=claim.created_at,
        modified_at=claim.modified_at,
        appearances=tuple(appearances),
        missing_in=tuple(i for i in range(len(version_ids)) if i not in present),
    )


def _origin(claim: ClaimRow) -> AppearanceRow:
    return next((a for a in claim.appearances if a.origin), claim.appearances[0])


def _appearance(
    row: AppearanceRow, origin_text: str, index_of: Mapping[int, int], names: Sequence[str]
) -> AppearanceEntry:
    index = index_of[row.version_id]
    if row.origin:
        kinds: tuple[str, ...] = ()
        label, details = "", ()
    else:
        drift = claim_drift(origin_text, row.quote)
        kinds, label, details = tuple(drift.kinds), drift_label(drift), tuple(drift.details)
    return AppearanceEntry(
        appearance_id=row.id,
        version_index=index,
        version_name=names[index] if index < len(names) else f"Version {index + 1}",
        start=row.start,
        end=row.end,
        text=row.quote,
        origin=row.origin,
        anchor=row.anchor,
        drift_kinds=kinds,
        drift_label=label,
        drift_details=details,
    )
