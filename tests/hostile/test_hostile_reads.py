"""Inputs that hang, exhaust memory or hide nothing readable are refused at once."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import InputError
from core.invisibles import BIDI_CONTROLS, INVISIBLES
from core.textio import TooLargeError, load_bytes, load_file, load_text, path_label


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_without_blocking(fifo: Path) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=r"pipe \(FIFO\), not a regular file"):
        load_file(fifo)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_whatever_their_size_says(device: str) -> None:
    with pytest.raises(InputError, match="is a device, not a regular file"):
        load_file(device)


def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "story.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="device"):
        load_file(link)


def test_a_symlink_loop_is_a_clear_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="cannot be read"):
        load_file(loop)


def test_the_limit_is_printed_exactly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 2_098_000)  # 10,490,000 bytes: "10.5 MB" both sides before
    with pytest.raises(TooLargeError) as info:
        load_file(big)
    assert "10,490,000 bytes" in str(info.value) and "10,485,760 bytes" in str(info.value)
    assert info.value.size == 10_490_000 and info.value.limit == 10_485_760


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=400), st.integers(min_value=-3, max_value=3))
def test_a_file_is_read_iff_it_fits_the_limit(tmp_path_factory, limit: int, delta: int) -> None:
    size = max(1, limit + delta)
    path = tmp_path_factory.mktemp("limit") / "f.txt"
    path.write_bytes(b"a" * size)
    if size <= limit:
        assert load_file(path, max_bytes=limit).text == "a" * size
    else:
        with pytest.raises(TooLargeError):
            load_file(path, max_bytes=limit)


def test_a_file_growing_past_its_stat_size_is_still_bounded(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"a" * 5000)
    real_fstat = os.fstat

    class Shrunk:  # a file system that reports 0 bytes, as /proc and FUSE files may
        def __init__(self, result: os.stat_result) -> None:
            self.st_mode, self.st_size = result.st_mode, 0

    monkeypatch.setattr(os, "fstat", lambda fd: Shrunk(real_fstat(fd)))
    with pytest.raises(TooLargeError, match="more than 1,000 bytes"):
        load_file(path, max_bytes=1000)


_CONTROLS = st.text(alphabet=st.sampled_from([*BIDI_CONTROLS, *INVISIBLES, " ", "\n"]))


@given(_CONTROLS)
def test_text_of_only_invisible_characters_is_refused(text: str) -> None:
    with pytest.raises(InputError, match=r"empty|no readable text"):
        load_bytes(text.encode("utf-8"), "f.txt")
    with pytest.raises(InputError):
        load_text(text)


def test_bidi_controls_stay_in_a_text_that_has_words() -> None:
    loaded = load_bytes("The \u202egnp.exe\u202c file.\n".encode(), "f.txt")
    assert loaded.text == "The \u202egnp.exe\u202c file."


@given(st.binary(min_size=1, max_size=40))
def test_path_labels_are_always_storable_text(name: bytes) -> None:
    label = path_label(os.fsdecode(name))
    label.encode("utf-8")  # no surrogates left
    assert os.fsencode(os.fsdecode(name)).decode("utf-8", "backslashreplace") == label


def test_a_non_utf8_file_name_is_read_with_a_visible_escape(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"name\xff.txt")
    with open(raw, "wb") as handle:
        handle.write(b"The minister spoke.")
    loaded = load_file(os.fsdecode(raw))
    assert loaded.source.endswith("name\\xff.txt") and loaded.text == "The minister spoke."
