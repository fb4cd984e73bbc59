"""Entity corrections applied after NER: their cost against the work they sit beside.

On a 50,000-word text's entities (synthetic spans at the density spaCy finds in news,
about one entity per eight words), ``apply_corrections`` with 10, 100 and 1,000
corrections, against copying the entity tuple (the floor) and against re-aligning the
comparison they feed (``bench/bench_claims_gui.py``: ~150 ms for 800 words), in one run.
The alternative, spaCy's ``entity_ruler`` before NER, would need a re-parse on every
correction: the parse cache keyed by text would no longer be valid.

Run: ``.venv/bin/python bench/bench_corrections.py``.
"""

from __future__ import annotations

import random
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.corrections import EntityCorrection, apply_corrections


def main() -> None:
    rng = random.Random(1)
    entities, position = [], 0
    for _ in range(50_000 // 8):
        position += rng.randint(20, 60)
        entities.append((position, position + rng.randint(3, 20), "ORG"))
    floor = min(timeit.repeat(lambda: tuple(entities), number=20, repeat=5)) / 20
    print(f"{len(entities):,} entities; copying them: {floor * 1e3:.3f} ms")
    for count in (10, 100, 1000):
        chosen = rng.sample(entities, count)
        fixes = [EntityCorrection(s, e, rng.choice([None, "GPE"])) for s, e, _ in chosen]
        took = min(timeit.repeat(lambda f=fixes: apply_corrections(entities, f),
                                 number=20, repeat=5)) / 20
        print(f"  {count:>5} corrections: {took * 1e3:.2f} ms = {took / floor:.1f}x the copy")


if __name__ == "__main__":
    main()
