"""What the claims table shows and in which order: filters and sort keys, pure Python.

Kept apart from the Qt model so the rules can be tested (and benchmarked) on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.claims import STATUS_WORDS
from ui.models.claim_entries import DRIFT_SEVERITY, ClaimEntry

COLUMNS = ("Label", "Status", "Drift", "Versions", "Text", "Note", "Author", "Modified")
LABEL, STATUS, DRIFT, VERSIONS, TEXT, NOTE, AUTHOR, MODIFIED = range(len(COLUMNS))

#: ``ClaimFilter.label_id`` for claims without a label (label ids start at 1).
NO_LABEL = -1
#: Drift kinds in the order the filter offers them, least serious first.
DRIFT_KINDS: tuple[str, ...] = tuple(sorted(DRIFT_SEVERITY, key=DRIFT_SEVERITY.__getitem__))
_STATUS_ORDER = {status: position for position, status in enumerate(STATUS_WORDS)}


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims to show; None (or "") leaves a criterion out.

    Attributes:
        label_id: a label's id, or ``NO_LABEL`` for claims without one.
        status: a stored status (``open``, ``verified``...).
        version_index: claims that appear in this version (0 = base).
        drift: a drift kind (``number``...): claims with it in any other version;
            ``verbatim``: claims verbatim in every other version; ``absent``: claims
            missing in some version.
        missing_in: claims with no appearance in this version.
        text: words to find, case-insensitively, in the note or any appearance's text.
    """

    label_id: int | None = None
    status: str | None = None
    version_index: int | None = None
    drift: str | None = None
    missing_in: int | None = None
    text: str = ""


def search_text(entry: ClaimEntry) -> str:
    """What ``ClaimFilter.text`` is looked for in, case-folded."""
    return "\n".join([entry.note, *(a.text for a in entry.appearances)]).casefold()


def drift_kinds(entry: ClaimEntry) -> frozenset[str]:
    return entry.drift_kinds


Predicate = Callable[[ClaimEntry], bool]


def compile_filter(
    claim_filter: ClaimFilter,
    haystack: Callable[[ClaimEntry], str] = search_text,
    kinds: Callable[[ClaimEntry], frozenset[str]] = drift_kinds,
) -> Predicate | None:
    """One test for ``claim_filter``, or None when it accepts everything.

    ``haystack`` and ``kinds`` let a caller supply cached ``search_text`` and
    ``drift_kinds``: the model filters thousands of rows per keystroke.
    """
    f = claim_filter
    tests: list[Predicate] = []
    if f.label_id is not None:
        label_id = f.label_id
        tests.append(lambda e: (e.label_id or NO_LABEL) == label_id)
    if f.status is not None:
        status = f.status
        tests.append(lambda e: e.status == status)
    if f.version_index is not None:
        version = f.version_index
        tests.append(lambda e: any(a.version_index == version for a in e.appearances))
    if f.missing_in is not None:
        missing = f.missing_in
        tests.append(lambda e: missing in e.missing_in)
    if f.drift is not None:
        drift = f.drift
        tests.append(lambda e: drift in kinds(e))
    needle = f.text.casefold().strip()
    if needle:
        tests.append(lambda e: needle in haystack(e))
    if not tests:
        return None
    if len(tests) == 1:
        return tests[0]
    return lambda e: all(test(e) for test in tests)


def accepts(claim_filter: ClaimFilter, entry: ClaimEntry) -> bool:
    """True if ``entry`` passes ``claim_filter``."""
    test = compile_filter(claim_filter)
    return test is None or test(entry)


def _drift_key(entry: ClaimEntry) -> object:
    worst = entry.worst
    return (worst.severity, worst.drift_label) if worst is not None else (-1, "")


_STATUS_LAST = len(_STATUS_ORDER)
#: Per column, the key rows are ordered by: plain strings and numbers where one value
#: decides (they compare faster than 1-tuples), tuples otherwise.
SORT_KEYS: dict[int, Callable[[ClaimEntry], object]] = {
    LABEL: lambda e: e.label_name.casefold(),
    STATUS: lambda e: _STATUS_ORDER.get(e.status, _STATUS_LAST),
    DRIFT: _drift_key,
    VERSIONS: lambda e: (len(e.appearances), e.version_indices),
    TEXT: lambda e: e.origin.text.casefold(),
    NOTE: lambda e: e.note.casefold(),
    AUTHOR: lambda e: e.author.casefold(),
    MODIFIED: lambda e: e.modified_at,
}


def sort_key(entry: ClaimEntry, column: int) -> object:
    """The key the rows are ordered by for ``column`` (ties keep their order)."""
    key = SORT_KEYS.get(column)
    return key(entry) if key is not None else 0
