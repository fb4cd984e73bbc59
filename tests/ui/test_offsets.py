"""ui.compare.offsets: code points ↔ UTF-16 units, checked against Python's own encoder."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ui.compare.offsets import OffsetMap

# Mostly ASCII and BMP letters, with astral characters (emoji, 𝔘) often enough.
TEXT = st.text(alphabet=st.sampled_from("ab é\n中😀𝔘🇵🇹"), max_size=60)


def _u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_offsets_fast_path_is_identity():
    mapping = OffsetMap("plain news copy, no astral characters — ‘curly’ ok")
    assert mapping.identity
    assert mapping.to_utf16(10) == 10 and mapping.to_code_point(10) == 10


def test_offsets_emoji_shifts_later_positions():
    text = "a😀b"
    mapping = OffsetMap(text)
    assert [mapping.to_utf16(i) for i in range(4)] == [0, 1, 3, 4]
    assert [mapping.to_code_point(u) for u in range(5)] == [0, 1, 1, 2, 3]
    assert mapping.utf16_length == 4


@given(TEXT)
def test_offsets_to_utf16_matches_encoder(text):
    mapping = OffsetMap(text)
    for cp in range(len(text) + 1):
        assert mapping.to_utf16(cp) == _u16(text[:cp])
    assert mapping.utf16_length == _u16(text)


@given(TEXT)
def test_offsets_round_trip(text):
    mapping = OffsetMap(text)
    for cp in range(len(text) + 1):
        assert mapping.to_code_point(mapping.to_utf16(cp)) == cp


@given(TEXT)
def test_offsets_inside_a_surrogate_pair_maps_to_its_character(text):
    mapping = OffsetMap(text)
    for cp, char in enumerate(text):
        if ord(char) > 0xFFFF:
            assert mapping.to_code_point(mapping.to_utf16(cp) + 1) == cp


@given(TEXT, st.data())
def test_offsets_spans_keep_their_text(text, data):
    mapping = OffsetMap(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    (s16, e16, role), = mapping.spans_to_utf16([(start, end, "r")])
    units = text.encode("utf-16-le")
    assert units[2 * s16:2 * e16].decode("utf-16-le") == text[start:end]
    assert role == "r"
