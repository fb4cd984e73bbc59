from __future__ import annotations

from core.segment import classify_line, segment


def _units(text: str, starts: list[int]):
    return [(u.kind, text[u.start : u.end]) for u in segment(text, starts)]


def test_structural_lines_stand_alone() -> None:
    text = (
        "Is the port safe?\n\nKey Takeaways\n\n- Cranes were not inspected.\n\n"
        "SEOUL, Aug 17 (Yonhap) -- The port closed. It reopened later."
    )
    body = text.index("The port")
    starts = [0, body, text.index("It reopened")]
    assert _units(text, starts) == [
        ("headline", "Is the port safe?"),
        ("label", "Key Takeaways"),
        ("bullet", "- Cranes were not inspected."),
        ("dateline", "SEOUL, Aug 17 (Yonhap)"),
        ("sentence", "The port closed."),
        ("sentence", "It reopened later."),
    ]


def test_a_lower_case_sentence_start_is_a_splitter_slip() -> None:
    text = "The Coastal Safety Authority (CSA) ordered checks. Then it left."
    starts = [0, text.index("ordered"), text.index("Then")]
    assert [u[1] for u in _units(text, starts)] == [
        "The Coastal Safety Authority (CSA) ordered checks.",
        "Then it left.",
    ]


def test_an_organisation_with_an_acronym_is_not_a_dateline() -> None:
    text = "The Coastal Safety Authority (CSA) ordered checks."
    assert [k for k, _ in _units(text, [0])] == ["sentence"]


def test_classify_line() -> None:
    assert classify_line("Synopsis", first=False) == "label"
    assert classify_line("A full sentence that ends here.", first=True) is None
    assert classify_line("1. First point", first=False) == "bullet"


def test_sentences_glued_without_a_space_are_split() -> None:
    text = (
        '"We are making progress," the envoy said."Meetings will continue."The envoy left.'
        " Rates rose, she stressed.Separately, the bank cut 3.5 jobs. Is it fair?No."
    )
    found = [u[1] for u in _units(text, [0])]
    assert found == [
        '"We are making progress," the envoy said.',
        '"Meetings will continue."',
        "The envoy left. Rates rose, she stressed.",
        "Separately, the bank cut 3.5 jobs. Is it fair?",
        "No.",
    ]


def test_abbreviations_and_decimals_are_not_glued_sentences() -> None:
    text = "Mr.Smith paid 3.5 percent to the U.S.Army base."
    assert [u[1] for u in _units(text, [0])] == [text]
