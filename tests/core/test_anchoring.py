"""Text-quote selectors and re-anchoring after a version's text is replaced."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.anchoring import FUZZY_THRESHOLD, Quote, quote_selector, reanchor

TEXT = (
    "HARWICK PORT, March 3 -- A gantry crane collapsed at the Saltmere container terminal on "
    "Tuesday, injuring at least 20 workers, officials said. Emergency crews worked through the "
    "night. The Coastal Safety Authority ordered checks on all 14 cranes at the terminal."
)
CLAIM = "injuring at least 20 workers"


def _anchor_in(new_text: str, old_text: str = TEXT, exact: str = CLAIM, context: int = 32):
    start = old_text.index(exact)
    quote = quote_selector(old_text, start, start + len(exact), context)
    return reanchor(new_text, quote, start, len(old_text))


def test_quote_selector_takes_context_on_both_sides():
    start = TEXT.index(CLAIM)
    quote = quote_selector(TEXT, start, start + len(CLAIM), context=10)
    assert quote.exact == CLAIM
    assert quote.prefix == TEXT[start - 10 : start]
    assert quote.suffix == TEXT[start + len(CLAIM) : start + len(CLAIM) + 10]


def test_quote_selector_clips_context_at_the_ends_of_the_text():
    quote = quote_selector("abc def", 0, 3, context=32)
    assert quote == Quote("abc", "", " def")


@pytest.mark.parametrize(("start", "end"), [(3, 3), (5, 2), (-1, 2), (0, 999)])
def test_quote_selector_refuses_empty_or_outside_spans(start, end):
    with pytest.raises(ValueError, match="non-empty range"):
        quote_selector(TEXT, start, end)


def test_unchanged_text_anchors_exactly():
    anchor = _anchor_in(TEXT)
    assert (anchor.state, anchor.score) == ("exact", 1.0)
    assert TEXT[anchor.start : anchor.end] == CLAIM


def test_text_inserted_before_shifts_the_exact_anchor():
    insert = "An overload sensor had been switched off. "
    new = TEXT.replace("A gantry", insert + "A gantry")
    anchor = _anchor_in(new)
    assert anchor.state == "exact"
    assert anchor.start == TEXT.index(CLAIM) + len(insert)
    assert new[anchor.start : anchor.end] == CLAIM


def test_text_inserted_after_keeps_the_exact_anchor():
    new = TEXT + " Ships were diverted to Callowmouth, about 40 km to the north."
    anchor = _anchor_in(new)
    assert (anchor.state, anchor.start) == ("exact", TEXT.index(CLAIM))


def test_changed_context_gives_moved():
    new = TEXT.replace("on Tuesday, ", "on Tuesday night (local time) and ").replace(
        ", officials said", " according to the police"
    )
    anchor = _anchor_in(new)
    assert anchor.state == "moved"
    assert new[anchor.start : anchor.end] == CLAIM
    assert 0 < anchor.score < 1


def test_duplicated_quote_is_told_apart_by_its_context():
    decoy = "Rescuers feared a second crane was injuring at least 20 workers nearby. "
    new = decoy + TEXT
    anchor = _anchor_in(new)
    assert anchor.state == "exact"
    assert anchor.start == len(decoy) + TEXT.index(CLAIM)


def test_duplicated_quote_with_edited_context_prefers_the_closer_context():
    near = TEXT.replace("Tuesday, ", "Tuesday; ")
    decoy = "Elsewhere, a storm was injuring at least 20 workers at a mine far away. "
    new = near + " " + decoy
    anchor = _anchor_in(new)
    assert anchor.state == "moved"
    assert anchor.start == near.index(CLAIM)


def test_duplicates_with_equal_context_go_to_the_expected_position():
    unit = "The crane fell. "
    old = unit * 6
    start = len(unit) * 4  # the fifth copy
    quote = quote_selector(old, start, start + len(unit), context=4)
    new = "Breaking: " + old
    anchor = reanchor(new, quote, start, len(old))
    assert anchor.state == "exact"
    assert anchor.start == start + len("Breaking: ")


def test_slightly_edited_quote_anchors_fuzzily():
    new = TEXT.replace("at least 20 workers", "at least 26 workers")
    anchor = _anchor_in(new)
    assert anchor.state == "fuzzy"
    assert new[anchor.start : anchor.end] == "injuring at least 26 workers"
    assert FUZZY_THRESHOLD <= anchor.score < 1


def test_fuzzy_match_takes_in_a_word_that_grew():
    new = TEXT.replace("at least 20 workers", "at least twenty workers")
    anchor = _anchor_in(new, exact="injuring at least 20 workers, officials said")
    assert anchor.state == "fuzzy"
    assert new[anchor.start : anchor.end].startswith("injuring at least twenty")
    assert new[anchor.start : anchor.end].endswith("said")


def test_fuzzy_match_far_from_the_expected_position_is_still_found():
    filler = "Unrelated paragraph about harbour dues and fishing quotas. " * 200
    new = filler + TEXT.replace("20 workers", "26 workers")
    anchor = _anchor_in(new)
    assert anchor.state == "fuzzy"
    assert new[anchor.start : anchor.end] == "injuring at least 26 workers"


def test_deleted_quote_is_orphaned_not_dropped():
    new = TEXT.replace("Tuesday, injuring at least 20 workers, officials said", "Tuesday")
    anchor = _anchor_in(new)
    assert (anchor.start, anchor.end, anchor.state) == (None, None, "orphaned")
    assert 0 <= anchor.score < FUZZY_THRESHOLD


def test_empty_new_text_orphans():
    assert _anchor_in("").state == "orphaned"


def test_offsets_count_code_points_with_astral_characters():
    old = "Reaction 😀😀 online: the minister 𝐫𝐞𝐬𝐢𝐠𝐧𝐞𝐝 on Friday 🎉."
    exact = "the minister 𝐫𝐞𝐬𝐢𝐠𝐧𝐞𝐝"
    new = "🚨🚨 " + old
    exact_anchor = _anchor_in(new, old, exact)
    assert exact_anchor.state == "exact"
    assert new[exact_anchor.start : exact_anchor.end] == exact
    edited = new.replace("minister", "ministre")
    fuzzy = _anchor_in(edited, old, exact)
    assert fuzzy.state == "fuzzy"
    assert edited[fuzzy.start : fuzzy.end] == "the ministre 𝐫𝐞𝐬𝐢𝐠𝐧𝐞𝐝"


def test_line_feed_texts_keep_their_offsets():
    body = "\n\nThe first paragraph of the dispatch says 20 workers.\n\nSecond paragraph."
    old, new = "Headline" + body, "Headline (UPDATE 1)" + body
    anchor = _anchor_in(new, old, "says 20 workers")
    assert anchor.state == "exact"
    assert anchor.start == old.index("says") + len(" (UPDATE 1)")
    assert new[anchor.start : anchor.end] == "says 20 workers"


def test_long_text_anchors_quickly():
    body = " ".join(f"Sentence {i} reports figure {i * 7} from the port." for i in range(7_500))
    assert len(body) > 350_000
    start = body.index("Sentence 5000 ")
    quote = quote_selector(body, start, start + 40)
    edited = body.replace("figure 35000", "figure 35001")
    moved = "Inserted lead paragraph. " * 40 + edited
    began = time.perf_counter()
    for _ in range(10):
        assert reanchor(moved, quote, start, len(body)).state == "fuzzy"
        assert reanchor(body, quote, start, len(body)).state == "exact"
    # generous bound (a loaded 2-core machine): the brief asks well under 50 ms each
    assert (time.perf_counter() - began) / 20 < 0.05


_WORDS = st.text(alphabet="ab cd\n😀é", min_size=1, max_size=80)


@given(_WORDS, st.data(), st.integers(0, 40))
def test_unchanged_text_reanchors_to_the_same_span(text, data, context):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = quote_selector(text, start, end, context)
    anchor = reanchor(text, quote, start, len(text))
    assert (anchor.start, anchor.end, anchor.state, anchor.score) == (start, end, "exact", 1.0)
