"""Hand-built ``ClaimEntry`` values for model and panel tests (no storage, no drift engine)."""

from __future__ import annotations

from collections.abc import Sequence

from ui.models.claim_entries import AppearanceEntry, ClaimEntry

VERSION_NAMES = ("Original", "Rewrite", "Update")

#: A drift per kind name, as the drift engine would describe it.
DRIFTS = {
    "verbatim": (("verbatim",), "verbatim", ()),
    "reworded": (("reworded",), "reworded", ("reworded: 40% of words changed",)),
    "number": (("reworded", "number"), "reworded · number changed",
               ("number changed: “20” → “30”",)),
    "hedge": (("hedge",), "hedge added", ("hedge added: “reportedly”",)),
    "negation": (("negation",), "negation flipped", ("negation flipped: “not”",)),
}


def appearance(
    appearance_id: int, version: int, text: str, drift: str | None = None, anchor: str = "exact"
) -> AppearanceEntry:
    """An appearance in version ``version``; ``drift`` None makes it the origin."""
    kinds, label, details = DRIFTS[drift] if drift is not None else ((), "", ())
    return AppearanceEntry(
        appearance_id=appearance_id, version_index=version, version_name=VERSION_NAMES[version],
        start=0, end=len(text), text=text, origin=drift is None, anchor=anchor,
        drift_kinds=kinds, drift_label=label, drift_details=details)


def claim(
    claim_id: int,
    text: str,
    *,
    label: tuple[int, str, str] | None = (1, "Statistic", "#0072b2"),
    status: str = "open",
    note: str = "",
    author: str = "ana",
    modified: str = "2024-05-01T10:00:00.000Z",
    origin_version: int = 0,
    others: Sequence[tuple[int, str, str]] = (),
    version_count: int = 3,
) -> ClaimEntry:
    """A claim tagged in ``origin_version``; ``others`` = (version, text, drift kind)."""
    appearances = [appearance(claim_id * 10, origin_version, text)]
    appearances += [appearance(claim_id * 10 + i + 1, version, other_text, drift)
                    for i, (version, other_text, drift) in enumerate(others)]
    present = {a.version_index for a in appearances}
    return ClaimEntry(
        claim_id=claim_id,
        label_id=label[0] if label else None,
        label_name=label[1] if label else "",
        label_colour=label[2] if label else "#9e9e9e",
        status=status, note=note, author=author,
        created_at="2024-05-01T09:00:00.000Z", modified_at=modified,
        appearances=tuple(appearances),
        missing_in=tuple(i for i in range(version_count) if i not in present))
