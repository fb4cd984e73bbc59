"""Prodigy/doccano JSONL and spaCy DocBin: corrected entities and claims, loaded back."""

from __future__ import annotations

import json

import spacy
from export_factory import ODD_TEXTS, build_story, comparison_of, first_words
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import DocBin

from core.export.spacy_formats import CLAIMS_KEY, USER_DATA_KEY, claims_docbin, prodigy_jsonl
from core.export.story_data import load_story_data
from core.storage.library import Library


def _entities(data):
    """One corrected-entity list per version: the first words of each, as PERSON."""
    return [[(*first_words(v.text, 1), "PERSON")] for v in data.versions]


def test_jsonl_has_one_record_per_version_with_exact_spans(lib):
    data = load_story_data(lib, build_story(lib, ODD_TEXTS))
    lines = prodigy_jsonl(data, comparison_of(data, _entities(data))).splitlines()
    assert len(lines) == len(data.versions)
    for line, version in zip(lines, data.versions, strict=True):
        record = json.loads(line)
        assert record["text"] == version.text
        assert record["meta"]["version_id"] == version.id
        assert [[s["start"], s["end"], s["label"]] for s in record["spans"]] == record["label"]
        for span in record["spans"] + record["claims"]:
            assert 0 <= span["start"] < span["end"] <= len(version.text)
        claims = {c.id: c for c in data.claims}
        for span in record["claims"]:
            appearance = claims[span["claim_id"]].appearance_in(version.id)
            assert version.text[span["start"] : span["end"]] == appearance.quote


def test_docbin_loads_back_with_entities_and_claims(lib):
    data = load_story_data(lib, build_story(lib, ODD_TEXTS))
    payload, notes = claims_docbin(data, comparison_of(data, _entities(data)))
    nlp = spacy.blank("en")
    docs = list(DocBin().from_bytes(payload).get_docs(nlp.vocab))
    assert [d.text for d in docs] == [v.text for v in data.versions]
    for doc, version in zip(docs, data.versions, strict=True):
        start, end = first_words(version.text, 1)
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(start, end, "PERSON")]
        expected = sorted(
            (a.start, a.end) for c in data.claims if (a := c.appearance_in(version.id))
        )
        spans = doc.spans[CLAIMS_KEY]
        assert len(spans) == len(expected)
        for span in spans:
            claim = next(c for c in data.claims if str(c.id) == span.id_)
            appearance = claim.appearance_in(version.id)
            assert span.start_char <= appearance.start and span.end_char >= appearance.end
        assert doc.user_data[USER_DATA_KEY]["version_id"] == version.id
    assert all("widened" in n or "left out" in n for n in notes.summary())


def test_docbin_widens_a_span_inside_a_token_and_says_so(lib):
    story = build_story(lib, ["Wordsmithing matters a lot.", "Wordsmithing matters."])
    data = load_story_data(lib, story)
    payload, notes = claims_docbin(data, comparison_of(data, [[(0, 4, "ORG")], []]))
    doc = next(iter(DocBin().from_bytes(payload).get_docs(spacy.blank("en").vocab)))
    assert [(e.text, e.label_) for e in doc.ents] == [("Wordsmithing", "ORG")]
    assert notes.widened == 1
    assert notes.summary()[0] == "1 span(s) widened to whole spaCy tokens"


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(
        st.text(
            alphabet=st.sampled_from("ab😀𝔟\u200b\u200f\u202e\u05d0 \r\n"), min_size=1, max_size=10
        ),
        min_size=2,
        max_size=4,
    )
)
def test_odd_unicode_round_trips_through_both_formats(tmp_path_factory, words):
    texts = [f"word{i} " + w + " tail" for i, w in enumerate(words)]
    with Library.open(tmp_path_factory.mktemp("spacy") / "lib.sqlite3") as lib:
        data = load_story_data(lib, build_story(lib, texts))
    comparison = comparison_of(data, _entities(data))
    records = [json.loads(line) for line in prodigy_jsonl(data, comparison).splitlines()]
    assert [r["text"] for r in records] == [v.text for v in data.versions]
    payload, _ = claims_docbin(data, comparison)
    docs = list(DocBin().from_bytes(payload).get_docs(spacy.blank("en").vocab))
    assert [d.text for d in docs] == [v.text for v in data.versions]
