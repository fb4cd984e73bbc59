"""Reports and exports of a story of 3 versions × 10,000 words with 1,000 claims.

Baseline, measured in the same run: reading the story from the library
(``load_story_data``: versions, claims with appearances, labels, corrections,
overrides, revisions). Each format's time excludes that read and is given as a
ratio of it. The formats that need the comparison (report, JSONL, DocBin) include
loading it from the library's cache (``load_comparison``; computing it, once, is
reported apart). Also: validating a story file with pydantic (the project's
choice) against msgspec with the same field constraints, each followed by the same
cross-field checks, and importing the file into an empty library.

Reps alternate formats within each round, so a loaded machine slows them alike.
Run: ``python bench/bench_exports.py [--quick]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.textgen import story_pair
from core.export.formats import export_bytes
from core.export.story_data import StoryData, load_comparison, load_story_data
from core.export.story_json import dump_story, parse_story, to_import
from core.export.story_report import story_report_html
from core.snapping import snap_to_words
from core.storage import Library
from core.textio import load_text

SEED = 20240517
WORDS = 10_000
CLAIMS = 1_000


def update_of(text: str) -> str:
    """A later update of the rewrite: every 11th sentence dropped, a hedge every 17th."""
    sentences = text.split(". ")
    kept = [s for i, s in enumerate(sentences) if i % 11 != 5]
    return ". ".join(f"reportedly {s}" if i % 17 == 3 else s for i, s in enumerate(kept))


def build(path: Path) -> tuple[Library, int]:
    original, rewrite = story_pair(WORDS, SEED)
    texts = [original, rewrite, update_of(rewrite)]
    library = Library.open(path)
    story, _ = library.add_story("Bench story")
    ids = [library.add_version(story, load_text(t, f"v{i}.txt"))[0] for i, t in enumerate(texts)]
    stored = [library.get_version(v).text for v in ids]
    rng = random.Random(SEED)
    labels = [label.id for label in library.list_labels()]
    statuses = ("open", "verified", "disputed", "refuted", "unverifiable")
    for _ in range(CLAIMS):
        start = rng.randrange(0, len(stored[0]) - 120)
        span = snap_to_words(stored[0], start, start + rng.randint(20, 100))
        assert span is not None
        claim, _ = library.add_claim(
            ids[0], span.start, span.end, label_id=rng.choice(labels), status=rng.choice(statuses),
            note="checked against the filing", author="bench",
        )  # fmt: skip
        quote = stored[0][span.start : span.end]
        for version_id, text in zip(ids[1:], stored[1:], strict=True):
            at = text.find(quote)
            near = snap_to_words(text, min(span.start, len(text) - 120), span.end)
            if at >= 0:
                library.add_appearance(claim, version_id, at, at + len(quote))
            elif near is not None:
                library.add_appearance(claim, version_id, near.start, near.end)
    return library, story


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def msgspec_validator() -> Callable[[bytes], object] | None:
    """msgspec with the pydantic schema's field constraints (None when it is not installed)."""
    try:
        from bench.story_msgspec import validate
    except ImportError:
        return None
    return validate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds instead of 9")
    rounds = 3 if parser.parse_args().quick else 9
    with tempfile.TemporaryDirectory() as folder:
        library, story = build(Path(folder) / "bench.sqlite3")
        data = load_story_data(library, story)
        words = sum(v.word_count for v in data.versions)
        print(f"{len(data.versions)} versions, {words:,} words, {len(data.claims):,} claims, "
              f"{sum(len(c.appearances) for c in data.claims):,} appearances")  # fmt: skip
        started = time.perf_counter()
        load_comparison(library, list(data.versions))
        print(f"comparison computed and cached once: {time.perf_counter() - started:.1f} s")
        raw = dump_story(data).encode("utf-8")
        other = Library.open(Path(folder) / "empty.sqlite3")
        counter = iter(range(10**6))

        def imported() -> None:
            rows = to_import(parse_story(raw), title=f"copy {next(counter)}")
            other.import_story(rows)

        def report(d: StoryData) -> str:
            comparison = load_comparison(library, list(d.versions))
            return story_report_html(d, comparison, d.versions)

        cases: dict[str, Callable[[StoryData], object]] = {
            f: (lambda d, f=f: export_bytes(library, d, f))
            for f in ("csv", "json", "w3c", "jsonl", "docbin", "claimreview")
        }
        cases["report html"] = report

        def pdf(d: StoryData) -> int:
            from ui.report_pdf import write_pdf_report

            comparison = load_comparison(library, list(d.versions))
            page = story_report_html(d, comparison, d.versions, for_qt=True)
            return write_pdf_report(page, Path(folder) / "r.pdf", title=d.story.title)

        cases["report pdf (Qt)"] = pdf
        cases["validate (pydantic)"] = lambda _d: parse_story(raw)
        alternative = msgspec_validator()
        if alternative is not None:
            cases["validate (msgspec)"] = lambda _d: alternative(raw)
        cases["import-story"] = lambda _d: imported()
        times: dict[str, list[float]] = {"read story (baseline)": []}
        times.update({name: [] for name in cases})
        for round_number in range(rounds):
            times["read story (baseline)"].append(timed(lambda: load_story_data(library, story)))
            names = list(cases)
            names = names[round_number % len(names) :] + names[: round_number % len(names)]
            for name in names:
                times[name].append(timed(lambda name=name: cases[name](data)))
        base = statistics.median(times["read story (baseline)"])
        print(f"story file: {len(raw):,} bytes; {rounds} rounds, medians\n")
        print("| what | median | × reading the story |\n|---|---|---|")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"| {name} | {median * 1000:.1f} ms | {median / base:.2f} |")
        other.close()
        library.close()


if __name__ == "__main__":
    main()
