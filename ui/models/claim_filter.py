"""What the claims table shows and in which order: filters and sort keys, pure Python.

Kept apart from the Qt model so the rules can be tested (and benchmarked) on their own.
"""

from __future__ import annotations

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

    @property
    def is_empty(self) -> bool:
        return self == ClaimFilter()


def search_text(entry: ClaimEntry) -> str:
    """What ``ClaimFilter.text`` is looked for in, case-folded."""
    return "\n".join([entry.note, *(a.text for a in entry.appearances)]).casefold()


def accepts(claim_filter: ClaimFilter, entry: ClaimEntry, haystack: str | None = None) -> bool:
    """True if ``entry`` passes ``claim_filter``; ``haystack`` is its ``search_text`` if known."""
    f = claim_filter
    if f.label_id is not None and (entry.label_id or NO_LABEL) != f.label_id:
        return False
    if f.status is not None and entry.status != f.status:
        return False
    if f.version_index is not None and all(
            a.version_index != f.version_index for a in entry.appearances):
        return False
    if f.missing_in is not None and f.missing_in not in entry.missing_in:
        return False
    if f.drift is not None and f.drift not in entry.drift_kinds:
        return False
    if f.text:
        needle = f.text.casefold().strip()
        return needle in (haystack if haystack is not None else search_text(entry))
    return True


def sort_key(entry: ClaimEntry, column: int) -> tuple[object, ...]:
    """The key the rows are ordered by for ``column`` (ties keep their order)."""
    if column == LABEL:
        return (entry.label_name.casefold(),)
    if column == STATUS:
        return (_STATUS_ORDER.get(entry.status, len(_STATUS_ORDER)),)
    if column == DRIFT:
        worst = entry.worst
        return (worst.severity, worst.drift_label) if worst is not None else (-1, "")
    if column == VERSIONS:
        return (len(entry.appearances), entry.version_indices)
    if column == TEXT:
        return (entry.origin.text.casefold(),)
    if column == NOTE:
        return (entry.note.casefold(),)
    if column == AUTHOR:
        return (entry.author.casefold(),)
    if column == MODIFIED:
        return (entry.modified_at,)
    return ()
