"""Claims with a verdict as schema.org ``ClaimReview`` (JSON-LD), as fact-checkers publish them.

Each claim whose status is not Open becomes one ``ClaimReview``: ``claimReviewed``
is the words tagged (the origin's quote), ``reviewRating`` a ``Rating`` whose
``alternateName`` is the status in words (Supported, Disputed, False,
Unverifiable), ``itemReviewed`` a ``Claim`` with one ``appearance`` per version it
appears in (a ``CreativeWork`` with the outlet as publisher, the published date,
and its source: ``url`` for a web address, else ``name``), the note as
``reviewBody``, the author and the date last modified. Open claims have no verdict
to publish: they are left out and counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.export.story_data import StoryData, status_word
from core.storage.rows import ClaimRow, VersionRow

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ClaimReviews:
    """The reviews, and how many claims were left out because they are still open."""

    document: Json
    left_out: int

    @property
    def count(self) -> int:
        """How many reviews the document holds."""
        return len(self.document["@graph"])

    def message(self) -> str:
        """One line for the user."""
        return (
            f"{self.count} claim review(s) written; {self.left_out} open claim(s) left out "
            "(no verdict yet)"
        )


def _appearance(version: VersionRow) -> Json:
    work: Json = {"@type": "CreativeWork"}
    if version.title:
        work["headline"] = version.title
    if version.outlet:
        work["publisher"] = {"@type": "Organization", "name": version.outlet}
    if version.published:
        work["datePublished"] = version.published
    if version.byline:
        work["author"] = {"@type": "Person", "name": version.byline}
    if version.source.startswith(("http://", "https://")):
        work["url"] = version.source
    elif version.source:
        work["name"] = version.source
    return work


def claim_review(data: StoryData, claim: ClaimRow) -> Json:
    """One claim as a ClaimReview (any status; :func:`claim_reviews` picks the reviewed)."""
    appearances = [_appearance(data.version(a.version_id)) for a in claim.appearances]
    item: Json = {"@type": "Claim", "appearance": appearances}
    first_published = sorted(w["datePublished"] for w in appearances if "datePublished" in w)
    if first_published:
        item["datePublished"] = first_published[0]
    label = data.label_name(claim)
    review: Json = {
        "@type": "ClaimReview",
        "claimReviewed": claim.origin.quote,
        "reviewRating": {"@type": "Rating", "alternateName": status_word(claim.status)},
        "itemReviewed": item,
        "datePublished": claim.modified_at[:10],
        "dateCreated": claim.created_at,
        "dateModified": claim.modified_at,
    }
    if claim.author:
        review["author"] = {"@type": "Person", "name": claim.author}
    if claim.note:
        review["reviewBody"] = claim.note
    if label:
        review["keywords"] = label
    return review


def claim_reviews(data: StoryData) -> ClaimReviews:
    """The story's reviewed claims as one JSON-LD document (``@graph`` of ClaimReviews)."""
    reviewed = [c for c in data.claims if c.status != "open"]
    document = {
        "@context": "https://schema.org",
        "@graph": [claim_review(data, claim) for claim in reviewed],
    }
    return ClaimReviews(document, len(data.claims) - len(reviewed))
