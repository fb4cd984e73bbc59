from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import InputError
from core.textio import load_bytes, load_file, load_text, normalise

STORY = "Headline here\n\nFirst sentence of the story. Second one, with “curly” quotes.\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (STORY.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + STORY.encode("utf-8"), "utf-8"),
        (b"\xff\xfe" + STORY.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + STORY.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_load_bytes_decodes_boms_and_utf8(encoded: bytes, encoding: str) -> None:
    loaded = load_bytes(encoded, "story.txt")
    assert loaded.text == normalise(STORY)
    assert loaded.encoding == encoding


def test_load_bytes_detects_a_legacy_encoding() -> None:
    text = "Café owners in Zürich said the façade was “beyond repair”, according to officials. " * 5
    loaded = load_bytes(text.encode("cp1252"), "legacy.txt")
    assert "Café" in loaded.text and "façade" in loaded.text and "Zürich" in loaded.text


def test_crlf_and_nfc_are_normalised() -> None:
    decomposed = "Cafe\u0301 opens.\r\nSecond line here.\r\n"
    assert load_text(decomposed).text == "Café opens.\n\nSecond line here."


def test_hard_wrapped_paragraphs_are_unwrapped() -> None:
    wrapped = (
        "The minister said on Tuesday that the new port rules would take effect\n"
        "next month, after a long consultation with operators and unions across\n"
        "the country.\n\n"
        "Critics said the consultation had been far too short for such a change\n"
        "and that smaller operators had not been heard at all during the process.\n"
    )
    text = normalise(wrapped)
    assert text.count("\n\n") == 1 and "effect next month" in text


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", "\ufeff".encode()])
def test_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"empty|no readable"):
        load_bytes(data, "empty.txt")


def test_binary_input_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        load_bytes(bytes(range(256)) * 20, "image.png")


def test_oversized_file_is_refused_naming_the_file(tmp_path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000)
    with pytest.raises(InputError) as info:
        load_file(path, max_bytes=1000)
    assert str(path) in str(info.value) and "too large" in str(info.value)


def test_missing_file_and_folder_are_clear_errors(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        load_file(tmp_path)


def test_html_main_text_drops_scripts_and_boilerplate(tmp_path) -> None:
    body = " ".join(
        f"<p>Paragraph {i} of the dispatch says the harbour reopened after repairs.</p>"
        for i in range(8)
    )
    page = (
        "<html><head><title>Harbour reopens</title><script>var tracking = 1;</script></head>"
        f"<body><nav>Home | Sports | Weather</nav><article><h1>Harbour reopens</h1>{body}"
        "</article><footer>Copyright 2026 Example Media</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    loaded = load_file(path)
    assert loaded.format == "html"
    assert "Paragraph 7 of the dispatch" in loaded.text
    assert "tracking" not in loaded.text and "Copyright" not in loaded.text
    assert loaded.text.startswith("Harbour reopens")


def test_markdown_markup_is_stripped(tmp_path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "# Big news\n\nThe **council** met [today](http://x.example).\n\n* first point\n"
    )
    assert load_file(path).text == "Big news\n\nThe council met today.\n\n- first point"


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert "\r" not in once and "\n\n\n" not in once
