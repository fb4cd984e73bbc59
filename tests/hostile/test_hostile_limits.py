"""Arguments: numbers with bounds, ASCII digits only, ids that fit, text that is text."""

from __future__ import annotations

import argparse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import VariorumError
from core.limits import (
    MAX_ID,
    as_id,
    bounded_int,
    check_unit_ranges,
    encoding_arg,
    overrides_by_version,
    parse_override_args,
    text_arg,
)

UNICODE_DIGITS = "²³¹٣۴߅३৪੫૬୭௮౯೦൧๒໓༤၅႖០᠑"


@given(
    st.integers(), st.integers(min_value=-5, max_value=5), st.integers(min_value=0, max_value=50)
)
def test_bounded_int_accepts_exactly_its_range(value: int, low: int, span: int) -> None:
    parse = bounded_int(low, low + span)
    if low <= value <= low + span:
        assert parse(str(value)) == value
    else:
        with pytest.raises(argparse.ArgumentTypeError):
            parse(str(value))


@given(st.text(alphabet=UNICODE_DIGITS + "0123456789", min_size=1).filter(
    lambda t: not t.isascii()))  # fmt: skip
def test_non_ascii_digits_are_never_numbers(text: str) -> None:
    assert as_id(text) is None
    with pytest.raises(argparse.ArgumentTypeError):
        bounded_int(0, 10**9)(text)


def test_huge_numbers_are_clear_errors_not_overflows() -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="out of range"):
        bounded_int(1, 10_000)("99999999999999999999")
    with pytest.raises(VariorumError, match="not an id"):
        as_id("99999999999999999999")
    assert as_id(str(MAX_ID)) == MAX_ID and as_id(" 42 ") == 42 and as_id("4 2") is None


def test_text_arguments_with_undecodable_bytes_are_refused() -> None:
    with pytest.raises(argparse.ArgumentTypeError, match=r"byte 0xff"):
        text_arg("bad\udcff")
    assert text_arg("Ana López") == "Ana López"


def test_encodings_are_checked_by_name() -> None:
    assert encoding_arg("latin-1") == "iso8859-1" and encoding_arg("CP1252") == "cp1252"
    for bad in ("klingon", "rot13", "base64"):
        with pytest.raises(argparse.ArgumentTypeError):
            encoding_arg(bad)


@pytest.mark.parametrize("value", ["²:³", "1:2:3:4", "a:b", "1-2", ":1", "1:", "-1:2", " 1:2"])
def test_malformed_overrides_are_refused(value: str) -> None:
    with pytest.raises(VariorumError, match="expected B:O"):
        parse_override_args([value], [], 1)


def test_an_override_for_a_missing_version_is_refused() -> None:
    with pytest.raises(VariorumError, match="no other version 3"):
        parse_override_args(["3:1:1"], [], 2)


def test_pin_and_forbid_of_one_pair_contradict() -> None:
    with pytest.raises(VariorumError, match="contradict"):
        parse_override_args(["0:0"], ["1:0:0"], 1)
    parsed = parse_override_args(["0:0"], ["0:1"], 1)
    assert overrides_by_version(parsed)[1].pinned == frozenset({(0, 0)})


@given(
    st.integers(min_value=1, max_value=20),
    st.integers(min_value=1, max_value=20),
    st.integers(min_value=0, max_value=25),
    st.integers(min_value=0, max_value=25),
)
def test_units_out_of_range_are_refused(n_base: int, n_other: int, b: int, o: int) -> None:
    parsed = parse_override_args([f"{b}:{o}"], [], 1)
    if b < n_base and o < n_other:
        check_unit_ranges(parsed, [n_base, n_other])
    else:
        with pytest.raises(VariorumError, match=r"has .* units, numbered 0"):
            check_unit_ranges(parsed, [n_base, n_other])
