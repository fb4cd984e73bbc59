"""How an appearance of a claim drifted from the base appearance; claim status words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.claims import STATUS_WORDS, Drift, claim_drift, drift_label, parse_status
from core.errors import InputError
from core.storage.rows import CLAIM_STATUSES


@pytest.mark.parametrize(
    ("base", "other", "kinds", "label"),
    [
        ("20 workers were hurt", "20 workers were hurt", ("verbatim",), "verbatim"),
        ('"At least 20 workers," he said', "at least 20 workers — he said", ("verbatim",),
         "verbatim"),
        ("the workers' union", "the workers’ union", ("verbatim",), "verbatim"),
        ("They didn't confirm it", "They did not confirm it", ("verbatim",), "verbatim"),
        ("It won't reopen", "It will not reopen", ("verbatim",), "verbatim"),
        ("The crane collapsed", "The crane came crashing down", ("reworded",), "reworded"),
        ("at least 20 workers", "at least 26 workers", ("number",), "number changed"),
        ("injuring 20 workers", "injuring thirty workers", ("number",), "number changed"),
        ("a fine of $310,000", "a fine of $310,000 and 2 warnings", ("reworded", "number"),
         "reworded · number added"),
        ("at least 20 workers", "20 workers", ("number",), "approximator changed"),
        ("about 1,100 people", "around 1,100 people", ("reworded",), "reworded"),
        ("on March 3", "on March 4", ("date",), "date changed"),
        ("until at least Friday", "until Friday at the earliest", ("reworded",), "reworded"),
        ("The terminal handles 38 percent", "The terminal reportedly handles 38 percent",
         ("hedge",), "hedge added"),
        ("Talks may resume", "Talks resume", ("hedge",), "hedge dropped"),
        ("Talks may resume", "Talks could resume", ("hedge",), "hedge changed"),
        ("It appeared to fail", "It failed", ("reworded", "hedge"), "reworded · hedge dropped"),
        ("said Nadia Corrigan-Holt", "claimed Nadia Corrigan-Holt", ("attribution",),
         "attribution changed"),
        ("Vashford told reporters", "Vashford insisted to reporters", ("reworded", "attribution"),
         "reworded · attribution changed"),
        ("Three were critical, according to a hospital spokeswoman.", "Three were critical.",
         ("attribution",), "source dropped"),
        ("Three were critical.", "Three were critical, citing CSA records.", ("attribution",),
         "source added"),
        ("The hospital did not confirm it", "The hospital did confirm it", ("negation",),
         "negation flipped"),
        ("The hospital did not confirm it", "The hospital confirmed it", ("reworded", "negation"),
         "reworded · negation flipped"),
        ("The hospital confirmed it", "The hospital never confirmed it", ("negation",),
         "negation flipped"),
        ("Officials said 20 workers may have been hurt", "Officials claimed 30 workers were hurt",
         ("reworded", "number", "hedge", "attribution"),
         "reworded · number changed · hedge dropped · attribution changed"),
    ],
)  # fmt: skip
def test_planted_pairs(base, other, kinds, label):
    drift = claim_drift(base, other)
    assert drift.kinds == kinds
    assert drift_label(drift) == label
    assert len(drift.details) >= len(drift.kinds) - (drift.kinds == ("verbatim",))


def test_details_name_the_words():
    drift = claim_drift("injuring at least 20 workers", "injuring 30 workers")
    assert drift.details == ("number changed: “at least 20” → “30”",)
    drift = claim_drift("The terminal handles cargo", "The terminal reportedly handles cargo")
    assert drift.details == ("hedge added: “reportedly”",)
    drift = claim_drift("It did not confirm", "It did confirm")
    assert drift.details == ("negation flipped: “not” dropped",)
    drift = claim_drift("at least 20 workers", "20 workers")
    assert drift.details == ("approximator changed: “at least 20” → “20”",)


def test_normalised_numbers_are_equal():
    for a, b in [("20,000 fled", "20000 fled"), ("twenty fled", "20 fled"),
                 ("38 percent fled", "38% fled"), ("38 per cent fled", "38% fled"),
                 ("$4.2 million", "$4,200,000"), ("twenty-five fled", "25 fled")]:  # fmt: skip
        assert "number" not in claim_drift(a, b).kinds, (a, b)


def test_may_the_month_is_a_date_not_a_hedge():
    drift = claim_drift("The port opened in May 2011", "The port opened in June 2011")
    assert drift.kinds == ("date",)


def test_verbatim_says_when_only_punctuation_or_case_differs():
    assert claim_drift("Same words.", "same words").details == ("punctuation/case only",)
    assert claim_drift("Same words.", "Same words.").details == ()
    assert claim_drift("It isn't", "It is not").details == ("contraction only",)


def test_absent():
    drift = claim_drift("at least 20 workers", None)
    assert drift == Drift(("absent",), drift.details, 0.0)
    assert drift_label(drift) == "absent"


def test_similarity_is_word_level():
    assert claim_drift("a b c d", "a b c d").similarity == 1.0
    assert claim_drift("a b c d", "a b x y").similarity == 0.5
    assert claim_drift("a b", "c d").similarity == 0.0


def test_many_claims_are_fast():
    import time

    pairs = [
        (f"Officials said {i} workers were hurt on Tuesday",
         f"Officials claimed {i + 1} workers may have been hurt")
        for i in range(2_000)
    ]  # fmt: skip
    began = time.perf_counter()
    for base, other in pairs:
        claim_drift(base, other)
    # generous bound for a loaded machine; a quiet one does a pair in about 0.1 ms
    assert (time.perf_counter() - began) / len(pairs) < 0.002


_WORDS = st.lists(
    st.sampled_from("at least 20 twenty workers said claimed not may reportedly on March 3 "
                    "according to the , . didn't 1,200 % percent".split()),
    max_size=12,
).map(" ".join)  # fmt: skip


@given(_WORDS)
def test_a_text_against_itself_is_verbatim(text):
    assert claim_drift(text, text) == Drift(("verbatim",), (), 1.0)


@given(_WORDS)
def test_a_text_against_none_is_absent(text):
    assert claim_drift(text, None).kinds == ("absent",)


@given(_WORDS, _WORDS)
def test_number_and_negation_changes_are_symmetric(a, b):
    forth, back = claim_drift(a, b), claim_drift(b, a)
    for kind in ("number", "negation", "date", "verbatim"):
        assert (kind in forth.kinds) == (kind in back.kinds)
    assert forth.similarity == back.similarity


# Status words


def test_status_words_cover_the_stored_statuses():
    assert tuple(STATUS_WORDS) == CLAIM_STATUSES
    assert STATUS_WORDS["verified"] == "Supported"
    assert STATUS_WORDS["refuted"] == "False"


@pytest.mark.parametrize(
    ("word", "stored"),
    [("supported", "verified"), ("Verified", "verified"), ("false", "refuted"),
     ("REFUTED", "refuted"), (" Open ", "open"), ("unverifiable", "unverifiable"),
     ("Disputed", "disputed")],
)  # fmt: skip
def test_parse_status_accepts_both_vocabularies(word, stored):
    assert parse_status(word) == stored


@pytest.mark.parametrize("word", ["true", "", "maybe", "verify"])
def test_parse_status_lists_the_analyst_words(word):
    with pytest.raises(InputError) as caught:
        parse_status(word)
    message = str(caught.value)
    assert message.startswith("claim status: ")
    assert "Open, Supported, Disputed, False, Unverifiable" in message
