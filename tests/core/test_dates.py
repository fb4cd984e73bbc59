"""Relative dates read against a version's dateline or publication date (core/dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.dates import DateReference, describe, reference_date, resolve

MARCH = DateReference(2026, 3, 12, "the dateline March 12")
AUGUST = DateReference(2026, 8, 17, "the dateline Aug 17")
NO_YEAR = DateReference(None, 8, 17, "the dateline Aug 17")


def test_reference_from_the_dateline_takes_the_year_of_publication() -> None:
    ref = reference_date("SEOUL, Aug 17 (Yonhap)", "2026-08-17")
    assert (ref.year, ref.month, ref.day, ref.source) == (2026, 8, 17, "the dateline Aug 17")
    assert reference_date("SEOUL, Aug 17", None).year is None
    assert reference_date(None, dt.date(2026, 3, 3)).source == "the publication date 2026-03-03"
    assert reference_date(None, "not a date") is None


def test_june_last_year_against_last_june() -> None:
    # dated in March: both name June of the previous year; dated in August: they differ
    assert resolve("June last year", MARCH) == resolve("last June", MARCH) == ("month", 2025, 6)
    assert resolve("June last year", AUGUST) == ("month", 2025, 6)
    assert resolve("last June", AUGUST) == ("month", 2026, 6)
    assert describe(resolve("last June", NO_YEAR), NO_YEAR) == "June of this year"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("September 2024", ("month", 2024, 9)),
        ("last year", ("year", 2025)),
        ("last Friday", ("day", 2026, 3, 6)),
        ("yesterday", ("day", 2026, 3, 11)),
        ("Friday", None),
        ("three months", None),
    ],
)
def test_resolve(phrase: str, expected: tuple | None) -> None:
    assert resolve(phrase, MARCH) == expected  # 2026-03-12 is a Thursday


@given(st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)), st.integers(1, 12))
def test_last_month_name_is_within_the_year_before(day: dt.date, month: int) -> None:
    ref = DateReference(day.year, day.month, day.day, "x")
    name = dt.date(2000, month, 1).strftime("%B")
    kind, year, found = resolve(f"last {name}", ref)
    assert kind == "month" and found == month
    assert (day.year, day.month) > (year, found) >= (day.year - 1, day.month)
