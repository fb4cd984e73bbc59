"""The quote layer's reported speech and quotes of unquoted base text, and typed changes'
notes, in the panes' spans, hover texts, the Quotes tab's rows and the status bar."""

from __future__ import annotations

from dataclasses import replace

from comparison_factory import LETTER_DATE_NOTE, letter_story

from core.quote_words import change_heading, quote_status_words
from ui.compare import layers as lay
from ui.compare.quote_layer import LINK_ROLE, UNQUOTED_ROLE, quote_hover_highlights
from ui.panels.quote_rows import quote_row


def _words(comparison, pane: int, span: tuple[int, int, str]) -> str:
    return comparison.versions[pane].text[span[0]:span[1]]


def _quote_spans(comparison, pane: int) -> dict[str, list[str]]:
    layers = lay.build_layers(comparison, names=("Ministry", "Daily"))[pane]
    found: dict[str, list[str]] = {}
    for span in layers.layers["quotes"]:
        found.setdefault(span[2], []).append(_words(comparison, pane, span))
    return found


def _tip_at(comparison, pane: int, words: str) -> str:
    layers = lay.build_layers(comparison, names=("Ministry", "Daily"))[pane]
    at = comparison.versions[pane].text.index(words)
    return "\n".join(t for s, e, t in layers.tips["quotes"] if s <= at < e)


def test_a_paraphrased_quote_and_its_reported_speech_are_both_drawn():
    comparison = letter_story()
    assert _quote_spans(comparison, 0)["quote_paraphrased"] == [
        "We are grateful for your steady support,"]
    assert _quote_spans(comparison, 1)[UNQUOTED_ROLE] == [
        "The minister thanked his counterpart for his steady support, the ministry said."]
    tip = _tip_at(comparison, 0, "grateful")
    assert "Quote paraphrased as reported speech in Daily" in tip
    assert "Reported there as: “The minister thanked his counterpart" in tip
    assert "The base quotes: “We are grateful" in _tip_at(comparison, 1, "thanked")


def test_a_quote_of_unquoted_base_words_points_at_them():
    comparison = letter_story()
    assert _quote_spans(comparison, 1)["quote_unquoted_in_base"] == [
        "will reach every flooded village before the winter"]
    assert _quote_spans(comparison, 0)[UNQUOTED_ROLE] == [
        "will reach every flooded village before the winter"]
    tip = _tip_at(comparison, 1, "flooded")
    assert "Quote in Daily: quoted from the base text (unquoted there)" in tip
    assert "The base says, unquoted: “will reach every flooded village" in tip
    assert "Daily quotes: “will reach" in _tip_at(comparison, 0, "flooded")


def test_hovering_a_linked_quote_tints_the_words_it_stands_for():
    comparison = letter_story()
    paraphrased, unquoted = comparison.quote_checks[0].rows
    reported = quote_hover_highlights(comparison, 1, paraphrased)
    assert [(_words(comparison, 1, s), s[2]) for s in reported[1]] == [
        ("The minister thanked his counterpart for his steady support, the ministry said.",
         LINK_ROLE)]
    source = quote_hover_highlights(comparison, 1, unquoted)
    assert [(_words(comparison, 0, s), s[2]) for s in source[0]] == [
        ("will reach every flooded village before the winter", LINK_ROLE)]


def test_quote_rows_say_the_status_in_words_and_quote_the_linked_words():
    comparison = letter_story()
    paraphrased, unquoted = (quote_row(comparison, 1, c) for c in comparison.quote_checks[0].rows)
    assert (paraphrased.status, paraphrased.kind) == (
        "paraphrased as reported speech", "paraphrased")
    assert paraphrased.changes.startswith("reported as: “The minister thanked his counterpart")
    assert unquoted.status == "quoted from the base text (unquoted there)"
    assert unquoted.quote == "“will reach every flooded village before the winter”"
    assert "the base says, unquoted: “will reach every flooded" in unquoted.tooltip


def test_a_typed_change_note_reaches_its_tip_and_the_status_bar():
    comparison = letter_story()
    report = comparison.versions[1]
    layers = lay.build_layers(comparison)[1]
    at = report.text.index("last June")
    tips = [t for s, e, t in layers.tips["typed"] if s <= at < e]
    assert tips == [f"Date changed: “June last year” → “last June”\n{LETTER_DATE_NOTE}"]
    row = comparison.alignments[0].rows[4]
    assert lay.describe_row(row) == (
        f"date: ‘June last year’ → ‘last June’ ({LETTER_DATE_NOTE})")
    assert [e.note for e in lay.typed_changes(comparison)] == [LETTER_DATE_NOTE]


def test_status_words_and_change_headings():
    assert quote_status_words("unquoted_in_base") == "quoted from the base text (unquoted there)"
    assert quote_status_words("some_new_status") == "some new status"
    change = letter_story().alignments[0].rows[4].changes[0]
    assert change_heading(change) == "date changed"
    assert change_heading(replace(change, direction="reworded")) == "date reworded (same date)"
