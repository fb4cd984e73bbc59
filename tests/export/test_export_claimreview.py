"""ClaimReview JSON-LD: reviewed claims only, the status in words, one appearance per version."""

from __future__ import annotations

import json

from export_factory import ODD_TEXTS, build_story

from core.claims import STATUS_WORDS
from core.export.claimreview import claim_reviews
from core.export.story_data import load_story_data


def test_open_claims_are_left_out_and_counted(lib):
    data = load_story_data(lib, build_story(lib, ODD_TEXTS))
    reviews = claim_reviews(data)
    assert reviews.count == 1
    assert reviews.left_out == sum(1 for c in data.claims if c.status == "open") == 1
    assert reviews.message() == (
        "1 claim review(s) written; 1 open claim(s) left out (no verdict yet)"
    )


def test_review_fields(lib):
    data = load_story_data(lib, build_story(lib, ODD_TEXTS))
    claim = next(c for c in data.claims if c.status != "open")
    document = json.loads(json.dumps(claim_reviews(data).document))
    assert document["@context"] == "https://schema.org"
    (review,) = document["@graph"]
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == claim.origin.quote
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": STATUS_WORDS["refuted"]}
    assert review["author"] == {"@type": "Person", "name": "Ana"}
    assert review["datePublished"] == claim.modified_at[:10]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    outlets = [w["publisher"]["name"] for w in item["appearance"]]
    assert outlets == [data.version(a.version_id).outlet for a in claim.appearances]
    assert item["datePublished"] == min(w["datePublished"] for w in item["appearance"])


def test_every_verdict_becomes_its_word(lib):
    story = build_story(lib, ODD_TEXTS)
    claim = next(c for c in load_story_data(lib, story).claims if c.status == "open")
    for status, word in STATUS_WORDS.items():
        lib.update_claim(claim.id, status=status)
        reviews = claim_reviews(load_story_data(lib, story)).document["@graph"]
        ratings = [r["reviewRating"]["alternateName"] for r in reviews]
        assert (word in ratings) == (status != "open")
