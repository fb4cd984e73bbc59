"""The JSON contract: validated against docs/comparison-schema.md's rules, and round-tripped."""

from __future__ import annotations

import json

import pytest

from core import SCHEMA
from core.contract import ContractError, comparison_from_json, comparison_to_json

STATUSES = {"identical", "changed", "moved", "added", "removed"}
OPS = {"equal", "insert", "delete", "replace"}
QUOTE_STATUSES = {"verbatim", "altered", "added", "removed", "paraphrased", "unquoted_in_base"}


@pytest.fixture(scope="module")
def payload(demo_comparison) -> dict:
    return json.loads(json.dumps(comparison_to_json(demo_comparison)))


def test_top_level_fields(payload) -> None:
    assert payload["schema"] == SCHEMA
    for key in (
        "engine_version",
        "model",
        "versions",
        "alignments",
        "quote_checks",
        "entity_diff",
        "summary",
    ):
        assert key in payload
    assert len(payload["alignments"]) == len(payload["versions"]) - 1


def test_offsets_slice_text(payload) -> None:
    for version in payload["versions"]:
        text = version["text"]
        for item in version["sentences"] + version["entities"] + version["quotes"]:
            assert 0 <= item["start"] < item["end"] <= len(text)
            assert text[item["start"] : item["end"]].strip() == text[item["start"] : item["end"]]


def test_every_unit_in_exactly_one_row(payload) -> None:
    n_base = len(payload["versions"][0]["sentences"])
    for alignment in payload["alignments"]:
        n_other = len(payload["versions"][alignment["other"]]["sentences"])
        rows = alignment["rows"]
        assert sorted(i for r in rows for i in r["base"]) == list(range(n_base))
        assert sorted(i for r in rows for i in r["other"]) == list(range(n_other))
        assert len(alignment["derivation"]) == n_other
        for row in rows:
            assert row["status"] in STATUSES and 0.0 <= row["similarity"] <= 1.0


def test_row_diffs_rebuild_both_sides(payload) -> None:
    base = payload["versions"][0]
    for alignment in payload["alignments"]:
        other = payload["versions"][alignment["other"]]
        for row in alignment["rows"]:
            if not row["diff"]:
                continue
            for side, version in (("base", base), ("other", other)):
                text = version["text"]
                expected = "".join(
                    text[version["sentences"][i]["start"] : version["sentences"][i]["end"]]
                    for i in row[side]
                )
                assert all(op["op"] in OPS for op in row["diff"])
                assert "".join(text[op[side][0] : op[side][1]] for op in row["diff"]) == expected


def test_quote_checks_point_into_quotes(payload) -> None:
    base_quotes = payload["versions"][0]["quotes"]
    for checks in payload["quote_checks"]:
        other_quotes = payload["versions"][checks["other"]]["quotes"]
        for row in checks["rows"]:
            assert row["status"] in QUOTE_STATUSES
            no_base = row["status"] in {"added", "unquoted_in_base"}
            no_other = row["status"] in {"removed", "paraphrased"}
            assert (row["base_quote"] is None) == no_base
            assert (row["other_quote"] is None) == no_other
            assert (row["base_span"] is not None) == (row["status"] == "unquoted_in_base")
            assert (row["other_span"] is not None) == (row["status"] == "paraphrased")
            if row["base_quote"] is not None:
                assert 0 <= row["base_quote"] < len(base_quotes)
            if row["other_quote"] is not None:
                assert 0 <= row["other_quote"] < len(other_quotes)


def test_round_trip_is_lossless(demo_comparison, payload) -> None:
    assert comparison_from_json(payload) == demo_comparison


def test_payload_of_engine_1_still_loads(payload) -> None:
    """Fields added since engine 1 (change notes, quote spans) default when absent."""
    old = json.loads(json.dumps(payload))
    for alignment in old["alignments"]:
        for row in alignment["rows"]:
            for change in row["changes"]:
                del change["note"]
    for checks in old["quote_checks"]:
        for row in checks["rows"]:
            del row["base_span"], row["other_span"]
    loaded = comparison_from_json(old)
    assert all(c.note == "" for a in loaded.alignments for r in a.rows for c in r.changes)
    assert all(c.base_span is None for q in loaded.quote_checks for c in q.rows)


def test_unknown_schema_is_refused(payload) -> None:
    with pytest.raises(ContractError, match="unsupported comparison schema"):
        comparison_from_json({**payload, "schema": "variorum.comparison/99"})
    with pytest.raises(ContractError, match="malformed"):
        comparison_from_json({"schema": SCHEMA})
