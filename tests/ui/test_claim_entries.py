"""build_entries: storage rows joined with labels and versions, drift against the origin."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.claims import claim_drift, drift_label
from core.storage.rows import AppearanceRow, ClaimRow, LabelRow
from ui.models.claim_entries import NO_LABEL_COLOUR, build_entries, build_entry

VERSION_IDS = (101, 102, 103)
NAMES = ("Original", "Rewrite", "Update")
LABELS = (LabelRow(id=1, name="Statistic", colour="#332288", shortcut="1", position=0),)


def appearance(appearance_id, claim_id, version_id, quote, origin=False, anchor="exact"):
    start = None if anchor == "orphaned" else 10
    end = None if anchor == "orphaned" else 10 + len(quote)
    return AppearanceRow(id=appearance_id, claim_id=claim_id, version_id=version_id,
                         start=start, end=end, quote=quote, prefix="", suffix="",
                         origin=origin, anchor=anchor, created_at="2024-05-01T10:00:00.000Z")


def claim_row(claim_id, appearances, label_id=1, status="open", note="", author="ana"):
    return ClaimRow(id=claim_id, story_id=1, label_id=label_id, status=status, note=note,
                    author=author, created_at="2024-05-01T10:00:00.000Z",
                    modified_at="2024-05-02T10:00:00.000Z", appearances=tuple(appearances))


ORIGIN = "At least 20 people died in the flood"
ROW = claim_row(7, [
    appearance(70, 7, 102, ORIGIN, origin=True),
    appearance(71, 7, 101, ORIGIN),
    appearance(72, 7, 103, "Thirty people died in the flood", anchor="moved"),
], note="check", author="bo")


def test_an_entry_joins_label_versions_and_drift():
    [entry] = build_entries([ROW], LABELS, VERSION_IDS, NAMES)
    assert (entry.claim_id, entry.label_id, entry.label_name, entry.label_colour) == (
        7, 1, "Statistic", "#332288")
    assert (entry.status, entry.note, entry.author) == ("open", "check", "bo")
    assert entry.origin.version_index == 1 and entry.origin.version_name == "Rewrite"
    assert entry.origin.origin and entry.origin.drift_kinds == () and entry.origin.text == ORIGIN
    assert [a.version_index for a in entry.appearances] == [1, 0, 2]
    assert entry.version_indices == (0, 1, 2)
    assert entry.missing_in == ()
    same, changed = entry.appearances[1:]
    assert same.drift_kinds == ("verbatim",)
    assert "number" in changed.drift_kinds and changed.anchor == "moved"
    drift = claim_drift(ORIGIN, "Thirty people died in the flood")
    assert changed.drift_label == drift_label(drift)
    assert changed.drift_details == tuple(drift.details)
    assert entry.drift_summary == changed.drift_label  # the worst of the two
    assert "number" in entry.drift_kinds and "verbatim" not in entry.drift_kinds


def test_versions_without_an_appearance_are_missing():
    row = claim_row(8, [appearance(80, 8, 101, "Rain fell", origin=True),
                        appearance(81, 8, 103, "Rain fell")], label_id=None)
    [entry] = build_entries([row], LABELS, VERSION_IDS, NAMES)
    assert entry.missing_in == (1,)
    assert entry.drift_kinds == {"verbatim", "absent"}
    assert (entry.label_name, entry.label_colour) == ("", NO_LABEL_COLOUR)


def test_a_claim_seen_only_where_it_was_tagged_has_no_drift():
    row = claim_row(9, [appearance(90, 9, 101, "Alone", origin=True)])
    [entry] = build_entries([row], LABELS, VERSION_IDS[:1], NAMES[:1])
    assert entry.drift_summary == "" and entry.worst is None and entry.drift_kinds == set()


def test_appearances_on_versions_not_shown_are_skipped():
    [entry] = build_entries([ROW], LABELS, (102, 103), ("Rewrite", "Update"))
    assert [a.appearance_id for a in entry.appearances] == [70, 72]
    assert [a.version_index for a in entry.appearances] == [0, 1]
    assert entry.missing_in == ()


def test_claims_whose_origin_is_not_shown_are_left_out():
    assert build_entries([ROW], LABELS, (101, 103), ("Original", "Update")) == []
    with pytest.raises(ValueError, match="claim 7"):
        build_entry(ROW, {1: LABELS[0]}, (101, 103), ("Original", "Update"))


def test_an_orphaned_appearance_keeps_its_last_text():
    row = claim_row(5, [appearance(50, 5, 101, "The talks failed", origin=True),
                        appearance(51, 5, 102, "The talks failed", anchor="orphaned")])
    [entry] = build_entries([row], LABELS, VERSION_IDS, NAMES)
    orphan = entry.appearances[1]
    assert (orphan.start, orphan.end, orphan.anchor, orphan.text) == (
        None, None, "orphaned", "The talks failed")


texts = st.sampled_from(("20 people died", "30 people died", "people reportedly died",
                         "no one died", "20 people died."))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), texts), min_size=1, max_size=5,
                unique_by=lambda pair: pair[0]),
       st.integers(1, 5))
def test_every_version_is_present_or_missing_and_drift_is_against_the_origin(spans, shown):
    version_ids = tuple(range(200, 200 + shown))
    appearances = [appearance(i, 1, 200 + version, text, origin=i == 0)
                   for i, (version, text) in enumerate(spans)]
    entries = build_entries([claim_row(1, appearances)], LABELS, version_ids,
                            [f"V{i}" for i in range(shown)])
    if spans[0][0] >= shown:
        assert entries == []
        return
    [entry] = entries
    present = set(entry.version_indices)
    assert present.isdisjoint(entry.missing_in)
    assert present | set(entry.missing_in) == set(range(shown))
    assert entry.appearances[0].origin and not any(a.origin for a in entry.appearances[1:])
    for shown_appearance in entry.appearances[1:]:
        expected = claim_drift(spans[0][1], shown_appearance.text)
        assert shown_appearance.drift_kinds == tuple(expected.kinds)

