"""spaCy output flattened to plain arrays, so nothing after parsing touches a `Doc`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Token(NamedTuple):
    """One word or punctuation mark with what the rest of the engine asks of it.

    A named tuple, not a frozen dataclass: the first look makes one for every word of every
    version and the window unpickles one for every word the model parsed, and a frozen
    dataclass's ``__init__`` (a guarded ``__setattr__`` per field) was half of the first
    look's tokenising (50,000 words: 60 of 117 ms a version). Immutable all the same.
    """

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    is_stop: bool
    is_alpha: bool
    like_num: bool

    @property
    def is_content(self) -> bool:
        """A word that carries meaning (not a stop word, not punctuation)."""
        return (self.is_alpha or self.like_num) and not self.is_stop


@dataclass(frozen=True, slots=True)
class TextAnalysis:
    """A parsed text: its tokens, sentence starts and entities, all as character offsets."""

    text: str
    tokens: tuple[Token, ...]
    sentence_starts: tuple[int, ...]
    entities: tuple[tuple[int, int, str], ...]


def from_docs(text: str, chunks: Sequence[tuple[int, Doc]]) -> TextAnalysis:
    """Flatten the (offset, Doc) chunks of one text into a single TextAnalysis."""
    tokens: list[Token] = []
    starts: list[int] = []
    entities: list[tuple[int, int, str]] = []
    for offset, doc in chunks:
        tokens.extend(_tokens(doc, offset))
        starts.extend(offset + sent.start_char for sent in doc.sents)
        entities.extend((offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents)
    return TextAnalysis(text, tuple(tokens), tuple(starts), tuple(entities))


def _tokens(doc: Doc, offset: int) -> list[Token]:
    return [
        Token(
            offset + t.idx,
            offset + t.idx + len(t.text),
            t.text,
            (t.lemma_ or t.text).lower(),
            t.pos_,
            t.is_stop,
            t.is_alpha,
            t.like_num,
        )
        for t in doc
        if not t.is_space
    ]
