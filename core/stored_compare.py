"""Comparisons of versions kept in the library, through its two caches.

A comparison already stored for the same versions, model, engine and overrides is
returned without loading spaCy. Otherwise each version's parse is taken from the
parse cache when its text, model and engine match, the rest are parsed, and both
the parses and the comparison are stored for next time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from core import ENGINE_VERSION
from core.align import Overrides
from core.errors import StorageError, VariorumError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from core.compare import Progress, ShouldStop
    from core.records import Comparison
    from core.storage.library import Library
    from core.storage.rows import VersionRow


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

    The caches are optional: when storing a parse or the comparison fails (the library
    locked by another program, a full disk), the comparison is still returned and the
    error goes to ``on_cache_error`` (or is raised when none is given).
    """
    cache = _CacheWrites(on_cache_error)
    from core.nlp import installed_model_key

    versions = []
    for version_id in version_ids:
        row = library.get_version(version_id)
        if row is None:
            raise VariorumError(f"version {version_id}: no such version in {library.path}")
        versions.append(row)
    guessed_key = installed_model_key(model_name)
    if guessed_key is not None:
        cached = library.cached_comparison(version_ids, guessed_key, ENGINE_VERSION)
        if cached is not None:
            return cached, True
    comparison = _compare_with_parse_cache(
        library, version_ids, versions, model_name, progress, should_stop, cache
    )
    from core.contract import comparison_to_json

    payload = json.dumps(comparison_to_json(comparison), ensure_ascii=False)
    cache.write(library.save_comparison, version_ids, comparison.model, ENGINE_VERSION, payload)
    return payload, False


class _CacheWrites:
    """Cache writes that report a failure instead of losing the computed result."""

    def __init__(self, on_error: Callable[[StorageError], None] | None) -> None:
        self._on_error = on_error
        self.failed = False

    def write(self, save: Callable[..., object], *args: object) -> None:
        if self.failed:
            return  # one report is enough; the next write would wait out the lock again
        try:
            save(*args)
        except StorageError as exc:
            if self._on_error is None:
                raise
            self.failed = True
            self._on_error(exc)


def _compare_with_parse_cache(
    library: Library,
    version_ids: Sequence[int],
    versions: Sequence[VersionRow],
    model_name: str | None,
    progress: Progress | None,
    should_stop: ShouldStop | None,
    cache: _CacheWrites,
) -> Comparison:
    from core.analysis import from_docs
    from core.compare import compare_analyses
    from core.nlp import chunks_to_bytes, load_model, model_key, parse_texts

    nlp = load_model(model_name)
    name, version = str(nlp.meta.get("name", "?")), str(nlp.meta.get("version", "?"))
    chunks = [_cached_chunks(library, vid, name, version, nlp) for vid in version_ids]
    missing = [i for i, c in enumerate(chunks) if c is None]
    parsed = parse_texts(nlp, [versions[i].text for i in missing])
    for i, fresh in zip(missing, parsed, strict=True):
        chunks[i] = fresh
        cache.write(
            library.save_doc_analysis,
            version_ids[i], name, version, ENGINE_VERSION, chunks_to_bytes(fresh),
        )  # fmt: skip
    analyses = [from_docs(v.text, c or []) for v, c in zip(versions, chunks, strict=True)]
    return compare_analyses(
        versions,
        analyses,
        model=model_key(nlp),
        overrides=stored_overrides(library, version_ids),
        progress=progress,
        should_stop=should_stop,
    )


def _cached_chunks(
    library: Library, version_id: int, name: str, version: str, nlp: Language
) -> list[tuple[int, Doc]] | None:
    from core.nlp import chunks_from_bytes

    data = library.load_doc_analysis(version_id, name, version, ENGINE_VERSION)
    if data is None:
        return None
    try:
        return chunks_from_bytes(nlp, data)
    except Exception:  # an entry this spaCy cannot read is a cache miss, never a failure
        return None
