"""One name per version: the long form and the short form for narrow places."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ui.version_names import SHORT_LENGTH, file_stem, short_date, short_names, version_name


def test_version_name_prefers_outlet_and_date():
    assert version_name("/tmp/a/01_original.txt", "Meridian Wire", "2026-03-03") \
        == "Meridian Wire, 2026-03-03"
    assert version_name("/tmp/a/01_original.txt", "Meridian Wire") == "Meridian Wire"
    assert version_name("C:\\news\\02_rewrite.html") == "02_rewrite"
    assert version_name("pasted text") == "pasted text"


def test_file_stem_keeps_unknown_extensions():
    assert file_stem("notes.v2") == "notes.v2"
    assert file_stem("story.MD") == "story"


def test_short_date_reads_as_day_and_month():
    assert short_date("2026-03-04") == "4 Mar"
    assert short_date("spring 2026") == "spring 2026"
    assert short_date(None) == ""


def test_short_names_tell_shared_outlets_apart_by_date():
    rows = [("01.txt", "Meridian Wire", "2026-03-03"), ("02.txt", "CoastNews", "2026-03-03"),
            ("03.txt", "Meridian Wire", "2026-03-04")]
    assert short_names(rows) == ["Meridian 3 Mar", "CoastNews", "Meridian 4 Mar"]


def test_short_names_number_what_stays_alike():
    rows = [("a/x.txt", None, None), ("b/x.txt", None, None), ("y.txt", None, None)]
    assert short_names(rows) == ["x #1", "x #2", "y"]


rows_strategy = st.lists(
    st.tuples(st.text(min_size=1, max_size=30), st.one_of(st.none(), st.text(max_size=30)),
              st.one_of(st.none(), st.sampled_from(["2026-03-03", "2026-03-04", "x"]))),
    min_size=1, max_size=6)


@given(rows_strategy)
def test_short_names_are_distinct_and_short(rows):
    names = short_names(rows)
    assert len(names) == len(rows)
    assert len(set(names)) == len(names)
    assert all(len(name) <= SHORT_LENGTH + 8 for name in names)
