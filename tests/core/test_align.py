from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from core.align import Overrides, align
from core.features import UnitFeatures, idf_table

STOP = {"the", "a", "of", "to", "in", "on", "and", "was", "were", "is", "by", "for", "at", "it"}


def feats(sentences: list[str], kind: str = "sentence") -> list[UnitFeatures]:
    out = []
    for s in sentences:
        words = re.findall(r"\w+", s.lower())
        lemmas = [w for w in words if w not in STOP]
        names = frozenset(w for w in re.findall(r"\b[A-Z][a-z]+\b", s)[1:])
        out.append(UnitFeatures(kind, s, Counter(lemmas), " ".join(lemmas), names, len(words)))
    return out


BASE = [
    "A crane collapsed at the Saltmere terminal on Tuesday.",
    "Rescue crews freed two operators from the wreckage.",
    "The regulator ordered checks on all fourteen cranes.",
    "The union said managers had ignored repeated warnings.",
    "Ships were diverted to Callowmouth harbour up north.",
]


def _run(base, other, overrides=None):
    b, o = feats(base), feats(other)
    return align(b, o, idf_table(b, o), overrides)


def _pairs(groups):
    return {(g.base, g.other): g for g in groups}


def test_paraphrased_sentences_align_in_order() -> None:
    other = [
        "On Tuesday a crane fell over at the Saltmere terminal.",
        "Two operators were freed from the wreckage by rescue crews.",
        "All fourteen cranes must be checked, the regulator ordered.",
        "Managers ignored repeated warnings, the union said.",
        "Ships heading north were diverted to Callowmouth harbour.",
    ]
    pairs = _pairs(_run(BASE, other))
    for i in range(5):
        assert ((i,), (i,)) in pairs and not pairs[((i,), (i,))].moved


def test_a_sentence_moved_to_the_top_is_marked_moved() -> None:
    other = [BASE[4], BASE[0], BASE[1], BASE[2], BASE[3]]
    pairs = _pairs(_run(BASE, other))
    assert pairs[((4,), (0,))].moved
    assert not pairs[((0,), (1,))].moved


def test_added_and_removed_sentences_stand_alone() -> None:
    other = [BASE[0], "Residents complained about noise from the docks for years.", BASE[1]]
    pairs = _pairs(_run(BASE, other))
    assert ((), (1,)) in pairs  # added: nothing was removed in its place
    assert ((2,), ()) in pairs and ((3,), ()) in pairs and ((4,), ()) in pairs  # removed


def test_a_sentence_in_the_place_of_another_aligns_with_it() -> None:
    # few shared words, but the same place between two aligned neighbours (class 6)
    base = [BASE[0], "Officials insisted the blaze was contained by noon.", BASE[2]]
    other = [
        BASE[0],
        "Although crews fought flames all day, authorities said the fire was under control.",
        BASE[2],
    ]
    pairs = _pairs(_run(base, other))
    assert ((1,), (1,)) in pairs and not pairs[((1,), (1,))].moved


def test_a_gap_with_more_units_aligns_only_similar_ones() -> None:
    other = [BASE[0], "Residents complained about noise.", "Lorries block the road.", BASE[3]]
    pairs = _pairs(_run(BASE, other))
    assert ((), (1,)) in pairs and ((), (2,)) in pairs
    assert ((1,), ()) in pairs and ((2,), ()) in pairs


def test_a_split_sentence_becomes_one_row_with_two_units() -> None:
    base = [
        "Saltmere runs the terminal under a concession and spent four million on crane repairs.",
        "The union said managers had ignored repeated warnings.",
    ]
    other = [
        "Saltmere runs the terminal under a concession.",
        "It spent four million on crane repairs.",
        "The union said managers had ignored repeated warnings.",
    ]
    pairs = _pairs(_run(base, other))
    assert ((0,), (0, 1)) in pairs


def test_pins_and_forbidden_pairs_override_the_automatic_choice() -> None:
    other = list(BASE)
    forbidden = _pairs(_run(BASE, other, Overrides(forbidden=frozenset({(2, 2)}))))
    assert ((2,), (2,)) not in forbidden
    assert ((2,), ()) in forbidden and ((), (2,)) in forbidden
    pinned = _pairs(_run(BASE, other, Overrides(pinned=frozenset({(0, 4)}))))
    assert ((0,), (4,)) in pinned and pinned[((0,), (4,))].pinned
    assert ((4,), ()) in pinned  # its automatic partner lost to the pin


SENTENCES = st.lists(st.sampled_from([*BASE, "Nothing at all like the others here."]), max_size=8)


@settings(max_examples=150, deadline=None)
@given(SENTENCES, SENTENCES)
def test_every_unit_appears_in_exactly_one_group(base: list[str], other: list[str]) -> None:
    groups = _run(base, other)
    assert sorted(b for g in groups for b in g.base) == list(range(len(base)))
    assert sorted(o for g in groups for o in g.other) == list(range(len(other)))
    for g in groups:
        assert 0.0 <= g.similarity <= 1.0


def test_overrides_for_units_that_do_not_exist_are_ignored() -> None:
    groups = _run(
        BASE, BASE, Overrides(pinned=frozenset({(0, 99)}), forbidden=frozenset({(99, 0)}))
    )
    assert ((0,), (0,)) in _pairs(groups)


def test_common_words_do_not_hide_the_rare_ones() -> None:
    other = [f"Harbour report {k} mentions zeta{k} and omega{k} today." for k in range(80)]
    base = ["Harbour report mentions zeta37 and omega37 today."]
    pairs = _pairs(_run(base, other))
    assert ((0,), (37,)) in pairs
    assert sum(1 for b, o in pairs if b and o) == 1


def test_headlines_pair_first_unless_the_analyst_pinned_one_elsewhere() -> None:
    base = feats(["Crane collapse at Saltmere"], "headline") + feats(BASE[:2])
    other = (
        feats(["Was a sensor to blame?"], "headline")
        + feats(["A crane collapse at Saltmere injured two."], "bullet")
        + feats(BASE[:2])
    )
    idf = idf_table(base, other)
    assert ((0,), (0,)) in _pairs(align(base, other, idf))
    pinned = _pairs(align(base, other, idf, Overrides(pinned=frozenset({(0, 1)}))))
    assert ((0,), (1,)) in pinned and ((), (0,)) in pinned
