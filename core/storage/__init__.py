"""The library: SQLite storage for stories, versions, analyses, claims and search.

Import :class:`Library` from here; the submodules are its parts.
"""

from __future__ import annotations

from core.storage.changes import NO_CHANGE, Change
from core.storage.library import DB_ENV, Library, default_db_path
from core.storage.migrations import APPLICATION_ID, SCHEMA_VERSION
from core.storage.rows import (
    ANCHOR_STATES,
    CLAIM_STATUSES,
    UNSET,
    AlignmentOverrideRow,
    AnchorCounts,
    AppearanceRow,
    ClaimRow,
    EntityCorrectionRow,
    LabelRow,
    ReanchorReport,
    RevisionRow,
    SearchHit,
    StoryRow,
    VersionRow,
)

__all__ = [
    "ANCHOR_STATES",
    "APPLICATION_ID",
    "CLAIM_STATUSES",
    "DB_ENV",
    "NO_CHANGE",
    "SCHEMA_VERSION",
    "UNSET",
    "AlignmentOverrideRow",
    "AnchorCounts",
    "AppearanceRow",
    "Change",
    "ClaimRow",
    "EntityCorrectionRow",
    "LabelRow",
    "Library",
    "ReanchorReport",
    "RevisionRow",
    "SearchHit",
    "StoryRow",
    "VersionRow",
    "default_db_path",
]
