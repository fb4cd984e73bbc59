"""Who runs the language model: this process, or a process of its own.

``compare_with_parses`` asks a parser three things: which model it has, to decode a
cached parse, and to parse texts; every answer is flattened (``TextAnalysis``) and,
for new parses, the DocBin bytes for the cache. ``LocalParser`` runs spaCy here (the
command line); ``core.parse_server.ParseServer`` runs it in a process of its own (the
GUI): spaCy's import and parse then never hold this process's interpreter lock, and
the window keeps painting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from core.analysis import TextAnalysis, from_docs

if TYPE_CHECKING:
    from spacy.language import Language

ShouldStop = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """The loaded model: its cache key (``model_key``) and the name and version in its meta."""

    key: str
    name: str
    version: str


class Parser(Protocol):
    """What the comparison of stored versions needs of the language model."""

    def info(self) -> ModelInfo: ...

    def decode(self, text: str, data: bytes) -> TextAnalysis | None: ...

    def parse(self, texts: Sequence[str], should_stop: ShouldStop | None = None,
              ) -> list[tuple[TextAnalysis, bytes]]: ...


class LocalParser:
    """spaCy in this process (``processes`` caps the worker processes for long texts)."""

    def __init__(self, model_name: str | None = None, processes: int | None = None) -> None:
        from core.nlp import load_model

        self.nlp: Language = load_model(model_name)
        self.processes = processes

    def info(self) -> ModelInfo:
        from core.nlp import model_key

        meta = self.nlp.meta
        return ModelInfo(model_key(self.nlp), str(meta.get("name", "?")),
                         str(meta.get("version", "?")))

    def decode(self, text: str, data: bytes) -> TextAnalysis | None:
        """A cached parse flattened, or None when this spaCy cannot read it (a cache miss)."""
        from core.nlp import chunks_from_bytes

        try:
            return from_docs(text, chunks_from_bytes(self.nlp, data))
        except Exception:  # an entry this spaCy cannot read is a miss, never a failure
            return None

    def parse(self, texts: Sequence[str], should_stop: ShouldStop | None = None,
              ) -> list[tuple[TextAnalysis, bytes]]:
        """Each text flattened with its DocBin bytes; on one process, one text at a time,
        so only one text's Docs are alive at once."""
        from core.nlp import chunks_to_bytes, parse_texts

        groups = [[t] for t in texts] if self.processes == 1 else ([list(texts)] if texts else [])
        result = []
        for group in groups:
            parsed = parse_texts(self.nlp, group, processes=self.processes,
                                 should_stop=should_stop)
            result.extend((from_docs(text, chunks), chunks_to_bytes(chunks))
                          for text, chunks in zip(group, parsed, strict=True))
            del parsed
        return result
