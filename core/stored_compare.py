"""Comparisons of versions kept in the library, through its two caches.

One path for the command line and the GUI. ``compare_with_parses`` needs no
library: it takes each version's cached parse (DocBin bytes, or None), parses only
the versions without one, and returns the comparison with the fresh parses for the
caller to store. So the GUI can read the cache on its own thread (SQLite
connections are bound to it), run this on a worker, and write back on its thread;
and a link or pin re-aligns from cached parses without running spaCy's pipeline.
``compare_stored`` is the same for a caller that owns the library (the CLI).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core import ENGINE_VERSION
from core.align import Overrides
from core.corrections import EntityCorrection
from core.errors import StorageError, VariorumError

if TYPE_CHECKING:
    from core.analysis import TextAnalysis
    from core.compare import Progress, ShouldStop, TextSource
    from core.parsers import Parser
    from core.records import Comparison
    from core.storage.library import Library


#: Decoded parses kept by ``compare_with_parses`` when asked to (oldest dropped first).
ANALYSES_KEPT = 8


@dataclass(frozen=True, slots=True)
class StoredInputs:
    """Everything a comparison of stored versions depends on, read from the library."""

    version_ids: tuple[int, ...]
    sources: tuple[TextSource, ...]
    overrides: Mapping[int, Overrides] = field(default_factory=dict)
    corrections: Mapping[int, tuple[EntityCorrection, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ParsedComparison:
    """A comparison and the parses made for it (version index → DocBin bytes to cache)."""

    comparison: Comparison
    model_name: str
    model_version: str
    new_parses: Mapping[int, bytes]


def stored_overrides(library: Library, version_ids: Sequence[int]) -> dict[int, Overrides]:
    """The analyst's pinned and forbidden pairs for each other version, keyed by its index."""
    result: dict[int, Overrides] = {}
    for index, other_id in enumerate(version_ids[1:], start=1):
        rows = library.list_alignment_overrides(version_ids[0], other_id)
        if rows:
            result[index] = Overrides(
                frozenset((r.base_unit, r.other_unit) for r in rows if r.kind == "pin"),
                frozenset((r.base_unit, r.other_unit) for r in rows if r.kind == "forbid"),
            )
    return result


def stored_corrections(
    library: Library, version_ids: Sequence[int]
) -> dict[int, tuple[EntityCorrection, ...]]:
    """The analyst's entity corrections of each version, keyed by its index."""
    result: dict[int, tuple[EntityCorrection, ...]] = {}
    for index, version_id in enumerate(version_ids):
        rows = library.list_entity_corrections(version_id)
        if rows:
            result[index] = tuple(EntityCorrection(r.start, r.end, r.label) for r in rows)
    return result


def read_cached_parses(
    library: Library, version_ids: Sequence[int], model_name: str | None
) -> list[bytes | None]:
    """Each version's cached parse for the installed model (None where there is none)."""
    from core.nlp import installed_model_meta

    meta = installed_model_meta(model_name)
    if meta is None:
        return [None] * len(version_ids)
    return [library.load_doc_analysis(v, *meta, ENGINE_VERSION) for v in version_ids]


def save_parses(library: Library, version_ids: Sequence[int], result: ParsedComparison) -> None:
    """Store the parses ``compare_with_parses`` made (the cache is optional: errors are the
    caller's to log)."""
    for index, data in result.new_parses.items():
        library.save_doc_analysis(
            version_ids[index], result.model_name, result.model_version, ENGINE_VERSION, data
        )


def compare_with_parses(
    inputs: StoredInputs,
    cached: Sequence[bytes | None],
    *,
    model_name: str | None = None,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
    processes: int | None = None,
    analyses: MutableMapping[tuple[str, str], TextAnalysis] | None = None,
    parser: Parser | None = None,
) -> ParsedComparison:
    """Compare ``inputs`` reusing the cached parses; no library needed (any thread).

    ``parser`` runs the model (default: spaCy in this process, ``processes`` capping
    its workers). ``analyses`` keeps flattened parses across calls, keyed by (text
    hash, model): a caller that re-aligns the same texts again and again (links, pins,
    corrections in the GUI) then skips decoding the DocBins too. One thread per mapping.
    """
    from core.compare import compare_analyses
    from core.parsers import LocalParser

    if progress is not None:
        progress(0.0, "Loading the language model")
    parser = parser or LocalParser(model_name, processes)
    model = parser.info()
    kept = analyses if analyses is not None else {}
    texts = [source.text for source in inputs.sources]
    flat: list[TextAnalysis | None] = [
        kept.get((s.content_hash, model.key)) if s.content_hash else None for s in inputs.sources]
    for i, data in enumerate(cached):
        if flat[i] is None and data is not None:
            flat[i] = parser.decode(texts[i], data)
    missing = [i for i, a in enumerate(flat) if a is None]
    if missing and progress is not None:
        progress(0.1, f"Parsing {len(missing)} version{'s' if len(missing) != 1 else ''}")
    new_parses: dict[int, bytes] = {}
    if missing:
        parsed = parser.parse([texts[i] for i in missing], should_stop)
        for i, (analysis, data) in zip(missing, parsed, strict=True):
            flat[i], new_parses[i] = analysis, data
    done = [a for a in flat if a is not None]
    if analyses is not None:
        for source, analysis in zip(inputs.sources, done, strict=True):
            if source.content_hash:
                analyses[(source.content_hash, model.key)] = analysis
        while len(analyses) > ANALYSES_KEPT:
            analyses.pop(next(iter(analyses)))
    comparison = compare_analyses(
        inputs.sources,
        done,
        model=model.key,
        overrides=inputs.overrides,
        corrections=inputs.corrections,
        progress=progress,
        should_stop=should_stop,
    )
    return ParsedComparison(comparison, model.name, model.version, new_parses)


def stored_inputs(library: Library, version_ids: Sequence[int]) -> StoredInputs:
    """Read the texts, overrides and corrections of stored versions (base first)."""
    from core.textio import SourceText, text_format

    sources = []
    for version_id in version_ids:
        row = library.get_version(version_id)
        if row is None:
            raise VariorumError(f"version {version_id}: no such version in {library.path}")
        sources.append(SourceText(row.source, row.text, row.content_hash,
                                  text_format(row.format), row.encoding, row.title,
                                  published=row.published))
    return StoredInputs(
        tuple(version_ids),
        tuple(sources),
        stored_overrides(library, version_ids),
        stored_corrections(library, version_ids),
    )


def compare_stored(
    library: Library,
    version_ids: Sequence[int],
    *,
    model_name: str | None = None,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
    on_cache_error: Callable[[StorageError], None] | None = None,
) -> tuple[str, bool]:
    """The comparison's JSON text for stored versions (base first), and whether it was cached.

    The caches are optional: when storing the parses or the comparison fails (the
    library locked by another program, a full disk), the comparison is still returned
    and the error goes to ``on_cache_error`` (raised when none is given).
    """
    from core.nlp import installed_model_key

    inputs = stored_inputs(library, version_ids)
    guessed_key = installed_model_key(model_name)
    if guessed_key is not None:
        cached = library.cached_comparison(version_ids, guessed_key, ENGINE_VERSION)
        if cached is not None:
            return cached, True
    result = compare_with_parses(
        inputs,
        read_cached_parses(library, version_ids, model_name),
        model_name=model_name,
        progress=progress,
        should_stop=should_stop,
    )
    from core.contract import comparison_to_json

    payload = json.dumps(comparison_to_json(result.comparison), ensure_ascii=False)
    try:
        save_parses(library, version_ids, result)
        library.save_comparison(version_ids, result.comparison.model, ENGINE_VERSION, payload)
    except StorageError as exc:
        if on_cache_error is None:
            raise
        on_cache_error(exc)
    return payload, False
