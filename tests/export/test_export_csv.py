"""CSV of claims: one row per appearance, formula cells neutralised, opens as UTF-8."""

from __future__ import annotations

import csv
import io

import pytest
from export_factory import HOSTILE_LABEL, ODD_TEXTS, build_story
from hypothesis import given
from hypothesis import strategies as st

from core.export.story_data import load_story_data
from core.export.tabular import COLUMNS, FORMULA_TRIGGERS, claims_csv, neutralise


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


@pytest.mark.parametrize("payload", ["=1+2", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "＝1"])
def test_neutralise_prefixes_formula_triggers(payload):
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize("text", ["plain", "1+2", " =not first", "", "'quoted"])
def test_neutralise_leaves_other_cells(text):
    assert neutralise(text) == text


@given(st.text())
def test_neutralised_cells_never_start_with_a_trigger_and_keep_the_text(text):
    cell = neutralise(text)
    assert cell[:1] not in FORMULA_TRIGGERS
    assert cell in (text, "'" + text)


def test_one_row_per_appearance_with_every_column(lib):
    story = build_story(lib, ODD_TEXTS)
    data = load_story_data(lib, story)
    rows = _rows(claims_csv(data))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == sum(len(c.appearances) for c in data.claims)
    origin = next(r for r in rows if r["drift"] == "origin" and r["status"] == "False")
    claim = next(c for c in data.claims if c.status == "refuted")
    assert origin["quote"] == claim.origin.quote
    assert (int(origin["start"]), int(origin["end"])) == (claim.origin.start, claim.origin.end)
    assert origin["author"] == "Ana"
    assert origin["outlet"] == "Outlet 0"


def test_formula_payloads_in_label_note_and_title_are_neutralised(lib):
    story = build_story(lib, ODD_TEXTS, title="=cmd|' /C calc'!A0", note="@SUM(1+1)*cmd")
    rows = _rows(claims_csv(load_story_data(lib, story)))
    reviewed = [r for r in rows if r["status"] == "False"]
    assert reviewed
    for row in reviewed:
        assert row["story"] == "'=cmd|' /C calc'!A0"
        assert row["note"] == "'@SUM(1+1)*cmd"
        assert row["label"] == HOSTILE_LABEL  # starts with "<": a spreadsheet shows it as text
    assert all(cell[:1] not in FORMULA_TRIGGERS for row in rows for cell in row.values())


def test_csv_is_crlf_quoted_and_round_trips_odd_unicode(lib):
    story = build_story(lib, ODD_TEXTS, note="line one\nline two ‏ 😀")
    data = load_story_data(lib, story)
    text = claims_csv(data)
    assert text.split("\n", 1)[0].endswith("\r")
    rows = _rows(text)
    notes = {r["note"] for r in rows if r["status"] == "False"}
    assert notes == {"line one\nline two ‏ 😀"}
    quotes = {r["quote"] for r in rows}
    assert {a.quote for c in data.claims for a in c.appearances} == quotes


def test_orphaned_appearance_has_empty_offsets(lib):
    story = build_story(lib, ODD_TEXTS, orphan=True)
    rows = _rows(claims_csv(load_story_data(lib, story)))
    orphans = [r for r in rows if r["anchor"] == "orphaned"]
    assert orphans
    assert all(r["start"] == r["end"] == "" and r["drift"] == "orphaned" for r in orphans)
