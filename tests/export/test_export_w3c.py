"""W3C Web Annotation JSON-LD: the model's required fields, code-point positions."""

from __future__ import annotations

import json

from export_factory import ODD_TEXTS, build_story
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.export.story_data import load_story_data
from core.export.w3c import CONTEXT, web_annotations
from core.storage.library import Library

MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying",
    "tagging",
}  # fmt: skip


def check_selector(selector: dict, text: str) -> None:
    if selector["type"] == "TextQuoteSelector":
        assert isinstance(selector["exact"], str)
        assert set(selector) <= {"type", "exact", "prefix", "suffix"}
    else:
        assert selector["type"] == "TextPositionSelector"
        start, end = selector["start"], selector["end"]
        assert isinstance(start, int) and isinstance(end, int) and 0 <= start <= end
        assert end <= len(text)


def check_annotation(annotation: dict, texts: dict[str, str]) -> None:
    """The Web Annotation Data Model's MUSTs for what this export writes."""
    assert annotation["type"] == "Annotation"
    assert annotation["id"].startswith("urn:uuid:")
    motivations = annotation["motivation"]
    assert {motivations} <= MOTIVATIONS if isinstance(motivations, str) else False
    for body in annotation.get("body", []):
        assert body["type"] == "TextualBody" and isinstance(body["value"], str)
        assert body["purpose"] in MOTIVATIONS
    targets = annotation["target"]
    for target in targets if isinstance(targets, list) else [targets]:
        assert target["type"] == "SpecificResource"
        source = target["source"]["id"]
        assert source.startswith("urn:uuid:")
        selectors = target["selector"]
        assert [s["type"] for s in selectors][:1] == ["TextQuoteSelector"]
        for selector in selectors:
            check_selector(selector, texts[source])
        positions = [s for s in selectors if s["type"] == "TextPositionSelector"]
        if positions:
            exact = selectors[0]["exact"]
            assert texts[source][positions[0]["start"] : positions[0]["end"]] == exact


def check_collection(document: dict, texts: dict[str, str]) -> None:
    assert document["@context"] == CONTEXT
    assert document["type"] == "AnnotationCollection"
    page = document["first"]
    assert page["type"] == "AnnotationPage"
    assert document["total"] == len(page["items"])
    for annotation in page["items"]:
        check_annotation(annotation, texts)


def _texts(data) -> dict[str, str]:
    from core.export.w3c import version_iri

    return {version_iri(v): v.text for v in data.versions}


def test_collection_meets_the_model(lib):
    data = load_story_data(lib, build_story(lib, ODD_TEXTS, orphan=True))
    document = json.loads(json.dumps(web_annotations(data)))
    check_collection(document, _texts(data))
    claims = [a for a in document["first"]["items"] if a["motivation"] == "tagging"]
    assert len(claims) == len(data.claims)
    corrections = [a for a in document["first"]["items"] if a["motivation"] == "classifying"]
    assert [a["body"][0]["value"] for a in corrections] == ["ORG"]


def test_claim_bodies_and_one_target_per_appearance(lib):
    data = load_story_data(lib, build_story(lib, ODD_TEXTS))
    claim = next(c for c in data.claims if c.status == "refuted")
    annotation = next(
        a for a in web_annotations(data)["first"]["items"]
        if any(b["purpose"] == "assessing" and b["value"] == "False" for b in a["body"])
    )  # fmt: skip
    purposes = {b["purpose"]: b["value"] for b in annotation["body"]}
    assert purposes["tagging"] == data.label_name(claim)
    assert purposes["commenting"] == claim.note
    assert annotation["creator"] == {"type": "Person", "name": "Ana"}
    assert len(annotation["target"]) == len(claim.appearances)


def test_positions_count_code_points_not_utf16_units(lib):
    data = load_story_data(lib, build_story(lib, ODD_TEXTS))
    for annotation in web_annotations(data)["first"]["items"]:
        for target in (
            annotation["target"]
            if isinstance(annotation["target"], list)
            else [annotation["target"]]
        ):
            quote, position = target["selector"][0], target["selector"][1]
            text = _texts(data)[target["source"]["id"]]
            start = position["start"]
            assert text[start : position["end"]] == quote["exact"]
            assert text[:start].endswith(quote["prefix"])
            utf16_start = len(text[:start].encode("utf-16-le")) // 2
            if any(ord(ch) > 0xFFFF for ch in text[:start]):
                assert utf16_start != start  # the astral characters before it count once


def test_orphaned_target_keeps_only_the_quote(lib):
    data = load_story_data(lib, build_story(lib, ODD_TEXTS, orphan=True))
    targets = [t for a in web_annotations(data)["first"]["items"] if isinstance(a["target"], list)
               for t in a["target"]]  # fmt: skip
    kinds = [[s["type"] for s in t["selector"]] for t in targets]
    assert ["TextQuoteSelector"] in kinds


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(
        st.text(
            alphabet=st.sampled_from("ab😀𝔟\u200b\u200f\u202e\u05d0 \r\n"), min_size=1, max_size=12
        ),
        min_size=2,
        max_size=5,
    )
)
def test_odd_unicode_keeps_selectors_exact(tmp_path_factory, words):
    texts = [f"word{i} " + w + " tail words here" for i, w in enumerate(words)]
    with Library.open(tmp_path_factory.mktemp("w3c") / "lib.sqlite3") as lib:
        data = load_story_data(lib, build_story(lib, texts))
        check_collection(web_annotations(data), _texts(data))
