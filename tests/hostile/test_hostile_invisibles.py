"""The core API a display uses to show bidi and invisible controls (the GUI marks them)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.invisibles import BIDI_CONTROLS, INVISIBLES, find_controls, unterminated_bidi

MIXED = st.text(alphabet=st.sampled_from([*BIDI_CONTROLS, *INVISIBLES, "a", "b", " ", "\n"]))


@given(MIXED)
def test_find_controls_lists_every_control_at_its_position(text: str) -> None:
    found = find_controls(text)
    expected = [i for i, ch in enumerate(text) if ch in BIDI_CONTROLS or ch in INVISIBLES]
    assert [c.start for c in found] == expected
    for control in found:
        assert text[control.start] == control.char
        assert control.kind == ("bidi" if control.char in BIDI_CONTROLS else "invisible")
        assert control.abbreviation and control.name


def test_names_are_the_unicode_names() -> None:
    (control,) = find_controls("The \u202egnp.exe file")
    assert (control.start, control.abbreviation) == (4, "RLO")
    assert control.name == "RIGHT-TO-LEFT OVERRIDE"


def test_unterminated_overrides_and_isolates_are_found() -> None:
    assert unterminated_bidi("The \u202egnp.exe file") == [4]
    assert unterminated_bidi("The \u202egnp.exe\u202c file") == []
    assert unterminated_bidi("a\u2067b\u2069 c\u202bd\nnext") == [6]  # the paragraph ends
    assert unterminated_bidi("\u202a\u2066x\u202c") == [0, 1]  # PDF cannot close past an isolate
    assert unterminated_bidi("\u2066\u202ex\u2069") == []  # PDI closes what it isolates


@given(MIXED)
def test_unterminated_positions_are_openers_in_the_text(text: str) -> None:
    openers = set("\u202a\u202b\u202d\u202e\u2066\u2067\u2068")
    positions = unterminated_bidi(text)
    assert positions == sorted(set(positions))
    assert all(text[p] in openers for p in positions)


def _unterminated_char_by_char(text: str) -> list[int]:
    """UAX #9's closing rules read one character at a time: the reference the scan of
    only the characters that matter must agree with."""
    openers, isolates = set("\u202a\u202b\u202d\u202e"), set("\u2066\u2067\u2068")
    unclosed: list[int] = []
    stack: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        if char == "\n":
            unclosed += [position for _, position in stack]
            stack = []
        elif char in openers or char in isolates:
            stack.append((char, index))
        elif char == "\u202c" and stack and stack[-1][0] in openers:
            stack.pop()
        elif char == "\u2069":
            opened = [i for i, (opener, _) in enumerate(stack) if opener in isolates]
            if opened:
                del stack[opened[-1]:]
    return sorted(unclosed + [position for _, position in stack])


@given(MIXED)
def test_unterminated_bidi_agrees_with_reading_every_character(text: str) -> None:
    assert unterminated_bidi(text) == _unterminated_char_by_char(text)
