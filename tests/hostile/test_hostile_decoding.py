"""Text is never silently changed on the way in: encodings, and saying when it was a guess."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.decoding import decode
from core.errors import InputError
from core.textio import load_bytes, normalise

WESTERN_WORDS = "Élève façade naïve déjà Zürich Straße über año según Ørsted café crème".split()
ASCII_WORDS = "the minister said budget would pass on friday critics disagreed vote".split()


def test_short_latin1_reads_as_western_and_says_it_was_a_guess() -> None:
    decoded = decode("Élève, façade, naïve.\n".encode("latin-1"), "f.txt")
    assert decoded.text == "Élève, façade, naïve.\n"
    assert decoded.encoding == "cp1252" and decoded.unsure
    assert decoded.note is not None and "cp1252" in decoded.note and "cp1250" in decoded.note


def test_long_french_in_cp1252_is_not_read_as_cp1250() -> None:
    text = "Le ministre a déclaré que le budget serait adopté après un débat à l'Assemblée. " * 30
    assert decode(text.encode("cp1252"), "f.txt").text == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Příliš žluťoučký kůň úpěl ďábelské ódy. Řeka teče pod mostem. " * 40, "cp1250"),
        ("Zażółć gęślą jaźń. Minister powiedział, że budżet przejdzie w piątek. " * 20, "cp1250"),
        ("Министр сказал, что бюджет будет принят в пятницу. " * 3, "koi8-r"),
        ("Министр сказал.", "cp1251"),
        ("Ο υπουργός είπε ότι ο προϋπολογισμός θα περάσει. " * 3, "cp1253"),
        ("東京で会議が開かれた。首相は予算について語った。" * 3, "shift_jis"),
    ],
)
def test_non_western_texts_still_decode_right(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding), "f.txt").text == text


def test_mixed_utf8_and_cp1252_keeps_both_parts_and_warns() -> None:
    data = "Café au lait.\n".encode() + "Il était naïve, déjà.\n".encode("cp1252")
    decoded = decode(data, "f.txt")
    assert decoded.text == "Café au lait.\nIl était naïve, déjà.\n"
    assert decoded.unsure and decoded.note is not None and "UTF-8" in decoded.note


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_bom_are_detected(encoding: str) -> None:
    text = "The minister said the budget would pass on Friday. Critics disagreed.\n"
    decoded = decode(text.encode(encoding), "f.txt")
    assert decoded.text == text and not decoded.unsure


def test_chosen_encoding_wins_and_a_wrong_one_is_a_clear_error() -> None:
    data = "Příliš žluťoučký kůň.\n".encode("cp1250")
    assert decode(data, "f.txt", "cp1250").text == "Příliš žluťoučký kůň.\n"
    with pytest.raises(InputError, match=r"not valid utf-8: byte 0x.. at offset \d+"):
        decode(data, "f.txt", "utf-8")
    with pytest.raises(InputError, match="not an encoding"):
        decode(data, "f.txt", "klingon")


def test_chosen_encoding_drops_its_own_bom() -> None:
    assert decode(b"\xef\xbb\xbfHello", "f.txt", "utf-8").text == "Hello"


def test_load_bytes_records_the_guess_and_its_note() -> None:
    loaded = load_bytes("Élève, façade, naïve.\n".encode("latin-1"), "f.txt")
    assert loaded.text == "Élève, façade, naïve."
    assert loaded.encoding == "cp1252" and loaded.encoding_unsure and loaded.notes


def test_utf8_is_sure_and_has_no_note() -> None:
    loaded = load_bytes("Élève, façade, naïve.\n".encode(), "f.txt")
    assert loaded.encoding == "utf-8" and not loaded.encoding_unsure and loaded.notes == ()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WESTERN_WORDS + ASCII_WORDS), min_size=1, max_size=12))
def test_short_western_text_in_cp1252_reads_back_exactly(words: list[str]) -> None:
    text = " ".join(words) + ".\n"
    assume(any(ord(ch) > 127 for ch in text))
    assert decode(text.encode("cp1252"), "f.txt").text == text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=2))
def test_ascii_heavy_utf16_without_bom_reads_back(text: str) -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode(text.encode(encoding), "f.txt").text == text


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=1))
def test_any_utf8_text_decodes_unchanged(text: str) -> None:
    assume("\x00" not in text)
    data = text.encode("utf-8", "surrogatepass")
    try:
        decoded = decode(data, "f.txt")
    except InputError:
        return  # control-heavy or surrogate input may be refused, never mangled
    if decoded.encoding == "utf-8":
        assert decoded.text == text


def test_binary_with_nuls_is_still_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        load_bytes(bytes(range(256)) * 20, "image.png")
    with pytest.raises(InputError, match="binary"):
        load_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "image.png")


def test_normalised_text_of_a_guess_is_the_decoded_text() -> None:
    data = "Die Bürger äußerten Sorge über die Straße.\n".encode("cp1252")
    assert load_bytes(data, "f.txt").text == normalise(data.decode("cp1252"))
