"""The first look (no spaCy) aligns like the model's analysis, in a fraction of its time."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from core.quick_analysis import (
    _ENTITY_RULES,
    QUICK_MODEL,
    quick_comparison,
    rule_entities,
    sentence_starts,
    stem,
    tokens,
)

ROOT = Path(__file__).resolve().parents[2]


def test_quick_comparison_agrees_with_the_models_on_the_demo(demo_sources, demo_comparison):
    quick = quick_comparison(demo_sources)
    assert quick.model == QUICK_MODEL
    assert [len(v.units) for v in quick.versions] == [
        len(v.units) for v in demo_comparison.versions]
    for fast, full in zip(quick.alignments, demo_comparison.alignments, strict=True):
        assert {(r.base, r.other, r.status) for r in fast.rows} == {
            (r.base, r.other, r.status) for r in full.rows}


def test_quick_comparison_never_imports_spacy():
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "from core.quick_analysis import quick_comparison\n"
            "from core.textio import load_text\n"
            "a = load_text('Officials said 20 were hurt. Crews worked late.', 'a')\n"
            "b = load_text('Officials said 30 were hurt. Crews worked all night.', 'b')\n"
            "quick_comparison([a, b])\n"
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_sentences_split_at_end_marks_not_at_abbreviations_or_initials():
    text = 'Dr. Ana Costa met J. Smith in the U.S. on Friday. "It is over," she said. Talks end.'
    starts = sentence_starts(text)
    assert [text[s:s + 4] for s in starts] == ["Dr. ", '"It ', "Talk"]


def test_stems_meet_across_inflections():
    assert stem("workers") == stem("worker")
    assert stem("reported") == stem("reporting") == stem("reports") == "report"
    assert stem("inspections") == stem("inspection")
    assert stem("Port's") == "port"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_tokens_are_the_texts_own_characters(text):
    for token in tokens(text):
        assert text[token.start:token.end] == token.text
        assert not token.text.isspace()


def _rule_entities_pairwise(text: str) -> tuple[tuple[int, int, str], ...]:
    """Every match checked against every span taken: the reference for the bisect."""
    taken: list[tuple[int, int, str]] = []
    for label, pattern in _ENTITY_RULES:
        for match in pattern.finditer(text):
            start, end = match.span()
            if not any(s < end and start < e for s, e, _ in taken):
                taken.append((start, end, label))
    return tuple(sorted(taken))


FIGURES = st.lists(st.sampled_from(
    ["$5", "$1,200 million", "12", "12%", "40 percent", "two", "twenty", "May 3", "May",
     "March 2026", "last Friday", "2026", "this week", "today", "annual", "1.5", ",", " ",
     " ", "\n\n", "x", "no day", "every morning"]), max_size=40).map("".join)


@given(FIGURES)
def test_rule_entities_take_the_first_rules_span_as_checking_every_pair_does(text):
    found = rule_entities(text)
    assert found == _rule_entities_pairwise(text)
    assert all(end <= start for (_, end, _), (start, _, _) in pairwise(found))
