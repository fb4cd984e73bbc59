"""Deterministic synthetic news-story pairs for the benchmarks.

``story_pair(words, seed)`` returns ``(original, rewrite)``: plain text with a headline,
then paragraphs of 1-3 sentences separated by blank lines (the layout
``core.textio.normalise`` produces).

The original is built from a small phrase grammar over a Zipf-distributed vocabulary of
about 6,000 words (real English function words and common news words first, then
invented words with English-like endings so the tagger sees nouns, verbs, adjectives and
adverbs), plus capitalised person and organisation names, places, numbers, money and
percentages, commas and occasional direct quotes with attribution.

The rewrite replaces about 30% of the words of each sentence by a fixed "synonym" (a
word of the same class and similar frequency) or, less often, any word of that class;
drops 5% of sentences, adds 5% new ones, moves 3% elsewhere, splits or merges 2%; a
quote is kept verbatim or has a word or two altered. The same (words, seed) always gives
the same texts.

Run ``python bench/textgen.py --words 800 --out DIR`` to write ``a.txt`` and ``b.txt``.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

VOCABULARY_SIZE = 6_000
ZIPF_S = 1.05
#: Rank offset of the Zipf law: flattens the head so no content word takes >2% of its class.
ZIPF_OFFSET = 8
REPLACE_SHARE = 0.30
DROP_SHARE, ADD_SHARE, MOVE_SHARE, SPLIT_MERGE_SHARE = 0.05, 0.05, 0.03, 0.02
QUOTE_SHARE = 0.10
QUOTE_ALTER_SHARE = 0.4

DETERMINERS = "the the the a a an this that its their his her some every no another".split()
PREPOSITIONS = (
    "of in to for on with at by from after over under about into against between during "
    "before without across through near since amid toward"
).split()
CONJUNCTIONS = "and but while although because as after when though since whereas".split()
AUXILIARIES = "has had would could will may might should must did was is".split()
REPORTING = "said added told reporters warned confirmed explained noted argued".split()
REAL_NOUNS = (
    "government minister official report company market year week people police city country "
    "council court plan state percent decision spokesman statement deal price worker union "
    "investigation board security election service crisis agency budget law policy vote "
    "president region school hospital contract energy water port crane inspection safety "
    "regulator operator sensor strike talks committee evidence month day time group family "
    "community business industry bank economy tax fund share investor analyst trade export "
    "border army attack ceasefire aid shelter storm flood fire damage road bridge train flight "
    "airport terminal factory plant site project program system data network office leader "
    "party campaign candidate judge trial case charge prosecutor lawyer witness victim suspect "
    "arrest prison sentence appeal ruling parliament bill reform proposal measure rule standard"
).split()
REAL_VERBS = (
    "announced reported ordered confirmed denied rejected approved launched closed opened "
    "raised cut increased reduced halted delayed resumed blamed accused urged called warned "
    "expected planned signed agreed refused suspended investigated examined reviewed found "
    "showed revealed estimated forecast promised pledged demanded criticised defended backed "
    "supported opposed won lost killed injured damaged destroyed evacuated rescued arrested "
    "charged released sentenced appointed resigned fired hired paid sold bought moved"
).split()
REAL_ADJECTIVES = (
    "new local national foreign public private senior former major large small high low "
    "early late recent previous serious significant immediate independent official main key "
    "critical strong weak economic political financial military social legal regional "
    "international annual monthly daily total further additional possible likely unclear"
).split()
REAL_ADVERBS = (
    "also still now already again yet later earlier recently quickly sharply slightly "
    "largely nearly roughly publicly formally initially eventually immediately"
).split()
ONSETS = "b br c ch cl d dr f fl g gr h j k l m n p pl pr qu r s sh st str t th tr v w z".split()
VOWELS = "a e i o u a e i o ai ea ou".split()
CODAS = "b ck d ft g l ld lt m mb n nd ng nt p r rd rk rn s sk st t x".split()
CLASS_SUFFIXES = {
    "noun": ["", "", "tion", "ment", "er", "ity", "ance", "ship", "ure"],
    "verb": ["ed", "ed", "ised", "ened", "ated"],
    "adj": ["al", "ous", "ive", "ic", "able", "ent", "ish"],
    "adv": ["ly"],
}
CLASS_SIZES = {"noun": 0.48, "verb": 0.27, "adj": 0.18, "adv": 0.07}
FIRST_NAMES = (
    "Irena Tomas Amara Jonah Lucia Devan Mirela Oskar Priya Halvard Nadia Elias Sofia Ruben "
    "Ingrid Kwame Marta Felix Yara Anton Leila Bram Chiara Dmitri Esther Goran Hana Ivo"
).split()
SURNAMES = (
    "Vashford Okonkwo Lindqvist Marchetti Albescu Tanaka Brennan Castellanos Novak Haddad "
    "Ferreira Kowalski Mbeki Sorensen Delacroix Petrov Quintero Rahimi Whitlock Zeller Abara "
    "Strand Moreau Ivanova Garrow Halloran Nakamura Bexley"
).split()
ORG_HEADS = (
    "Coastal Northern Federal United Meridian Harbour Central Atlantic Civic Eastern".split()
)
ORG_TAILS = (
    "Safety Authority|Workers Union|Port Company|Energy Group|Trade Council|Health Service|"
    "Transport Ministry|Development Bank|Police Service|Audit Office"
).split("|")
PLACES = (
    "Harwick Port|Saltmere|Brackenford|Lowell Bay|Eastmarch|Virelle|Kestrel Point|Dunmore|"
    "Ostrava Flats|Marrow Heights|Caldera Springs|Westvale"
).split("|")


@dataclass
class _Vocab:
    """Each class: words by frequency rank, cumulative Zipf weights, and a synonym per word."""

    words: dict[str, list[str]] = field(default_factory=dict)
    cumulative: dict[str, list[float]] = field(default_factory=dict)
    synonym: dict[str, str] = field(default_factory=dict)

    def draw(self, rng: random.Random, cls: str) -> str:
        cum = self.cumulative[cls]
        return self.words[cls][bisect.bisect_left(cum, rng.random() * cum[-1])]


def _invented(rng: random.Random, suffixes: list[str], taken: set[str]) -> str:
    while True:
        syllables = rng.choice((1, 1, 1, 2, 2, 2, 2, 3))
        stem = "".join(
            rng.choice(ONSETS)
            + rng.choice(VOWELS)
            + (rng.choice(CODAS) if rng.random() < 0.5 else "")
            for _ in range(syllables)
        )
        suffix = rng.choice(suffixes)
        if suffix and stem[-1] in "aeiou" and suffix[0] in "aeiou":
            stem = stem[:-1] or stem
        word = stem + suffix
        if 3 <= len(word) <= 14 and word not in taken:
            taken.add(word)
            return word


def build_vocabulary(seed: int = 0) -> _Vocab:
    """About VOCABULARY_SIZE content words in four classes, Zipf-ranked, with synonyms."""
    rng = random.Random(f"vocab-{seed}")
    real = {"noun": REAL_NOUNS, "verb": REAL_VERBS, "adj": REAL_ADJECTIVES, "adv": REAL_ADVERBS}
    taken = {w for words in real.values() for w in words}
    vocab = _Vocab()
    for cls, share in CLASS_SIZES.items():
        size = int(VOCABULARY_SIZE * share)
        words = list(dict.fromkeys(real[cls]))
        while len(words) < size:
            words.append(_invented(rng, CLASS_SUFFIXES[cls], taken))
        vocab.words[cls] = words
        vocab.cumulative[cls] = list(
            itertools.accumulate(1 / (rank + ZIPF_OFFSET) ** ZIPF_S for rank in range(len(words)))
        )
        for rank, word in enumerate(words):  # a fixed synonym of similar frequency
            offset = rng.choice((-1, 1)) * rng.randint(1, 25)
            other = min(len(words) - 1, max(0, rank + offset))
            vocab.synonym[word] = words[other if other != rank else (rank + 1) % len(words)]
    return vocab


# A sentence is a list of tokens: (text, class). Classes: noun verb adj adv det prep conj aux
# name num say punct quote; the rewrite uses them to pick replacements of the same kind.
Token = tuple[str, str]


class _Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"story-{seed}")
        self.vocab = build_vocabulary(seed)
        rng = random.Random(f"cast-{seed}")
        self.people = [f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}" for _ in range(24)]
        self.orgs = [f"{rng.choice(ORG_HEADS)} {rng.choice(ORG_TAILS)}" for _ in range(10)]

    def word(self, cls: str) -> Token:
        return (self.vocab.draw(self.rng, cls), cls)

    def zipf_pick(self, items: list[str]) -> str:
        weights = [1 / (i + 1) for i in range(len(items))]
        return self.rng.choices(items, weights)[0]

    def name(self) -> list[Token]:
        r = self.rng.random()
        if r < 0.45:
            text = self.zipf_pick(self.people)
            if self.rng.random() < 0.4:
                text = text.split()[1]
        elif r < 0.8:
            text = ("the " if self.rng.random() < 0.6 else "") + self.zipf_pick(self.orgs)
        else:
            text = self.zipf_pick(PLACES)
        return [(w, "name") for w in text.split()]

    def number(self) -> list[Token]:
        r = self.rng.random()
        if r < 0.4:
            text = str(self.rng.choice((2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 20, 25, 30, 40, 150)))
        elif r < 0.65:
            text = f"{self.rng.randint(1, 60)}.{self.rng.randint(1, 9)} percent"
        elif r < 0.85:
            text = f"${self.rng.randint(1, 900)} million"
        else:
            text = f"{self.rng.randint(1, 9)},{self.rng.randint(100, 999)}"
        return [(w, "num") for w in text.split()]

    def noun_phrase(self) -> list[Token]:
        r = self.rng.random()
        if r < 0.15:
            return self.name()
        if r < 0.25:
            return [*self.number(), self.word("noun")]
        phrase = [(self.rng.choice(DETERMINERS), "det")]
        if self.rng.random() < 0.45:
            phrase.append(self.word("adj"))
        phrase.append(self.word("noun"))
        return phrase

    def clause(self) -> list[Token]:
        tokens = self.noun_phrase()
        if self.rng.random() < 0.2:
            tokens.append(self.word("adv"))
        if self.rng.random() < 0.3:
            tokens.append((self.rng.choice(AUXILIARIES), "aux"))
        tokens.append(self.word("verb"))
        tokens += self.noun_phrase()
        for _ in range(self.rng.choice((0, 1, 1, 2, 2, 3))):
            tokens.append((self.rng.choice(PREPOSITIONS), "prep"))
            tokens += self.noun_phrase()
        return tokens

    def sentence(self) -> list[Token]:
        if self.rng.random() < QUOTE_SHARE:
            return self.quote()
        tokens = self.clause()
        if self.rng.random() < 0.45:
            tokens += [(",", "punct"), (self.rng.choice(CONJUNCTIONS), "conj"), *self.clause()]
        if self.rng.random() < 0.25:
            tokens += [(",", "punct"), *self.name(), (self.rng.choice(REPORTING), "say")]
        return [*tokens, (".", "punct")]

    def quote(self) -> list[Token]:
        inner = self.clause()
        if self.rng.random() < 0.5:
            inner += [(",", "punct"), (self.rng.choice(CONJUNCTIONS), "conj"), *self.clause()]
        speaker = self.name()
        if self.rng.random() < 0.6:
            return [
                ('"', "quote"), *inner, (",", "punct"), ('"', "quote"), *speaker,
                ("said", "say"), (".", "punct"),
            ]  # fmt: skip
        return [
            *speaker, ("said", "say"), (":", "punct"), ('"', "quote"), *inner,
            (".", "punct"), ('"', "quote"),
        ]  # fmt: skip

    def headline(self) -> list[Token]:
        tokens = [*self.noun_phrase()[-2:], self.word("verb"), *self.noun_phrase()[-2:]]
        tokens += [(self.rng.choice(PREPOSITIONS), "prep"), *self.noun_phrase()[-1:]]
        return tokens


def render_sentence(tokens: list[Token]) -> str:
    """Tokens to text: punctuation attached, quotes hugging their content, first letter upper."""
    out: list[str] = []
    open_quote = False
    glue_next = False
    for text, cls in tokens:
        if cls == "punct" or (cls == "quote" and open_quote):
            out.append(text)
            open_quote = open_quote and cls != "quote"
        else:
            out.append(text if glue_next or not out else " " + text)
            if cls == "quote":
                open_quote = True
        glue_next = cls == "quote" and open_quote
    sentence = "".join(out).strip()
    index = 1 if sentence.startswith('"') else 0
    return sentence[:index] + sentence[index : index + 1].upper() + sentence[index + 1 :]


def _words_in(tokens: list[Token]) -> int:
    return sum(1 for _, cls in tokens if cls not in ("punct", "quote"))


def make_story(words: int, seed: int = 0) -> tuple[list[Token], list[list[list[Token]]]]:
    """A headline and paragraphs (lists of sentences) totalling about ``words`` words."""
    writer = _Writer(seed)
    headline = writer.headline()
    count = _words_in(headline)
    paragraphs: list[list[list[Token]]] = []
    while count < words:
        paragraph = [writer.sentence() for _ in range(writer.rng.choice((1, 2, 2, 3)))]
        count += sum(_words_in(s) for s in paragraph)
        paragraphs.append(paragraph)
    return headline, paragraphs


def render(headline: list[Token], paragraphs: list[list[list[Token]]]) -> str:
    """The story as normalised plain text."""
    title = render_sentence(headline)
    title = " ".join(w[:1].upper() + w[1:] if i == 0 else w for i, w in enumerate(title.split()))
    body = [" ".join(render_sentence(s) for s in p) for p in paragraphs if p]
    return "\n\n".join([title, *body]) + "\n"


def _rewrite_tokens(writer: _Writer, tokens: list[Token], share: float) -> list[Token]:
    """Replace about ``share`` of the words, keeping classes; quotes are handled separately."""
    rng, vocab = writer.rng, writer.vocab
    inside = False
    positions = []
    for k, (_, cls) in enumerate(tokens):
        if cls == "quote":
            inside = not inside
        elif cls not in ("punct", "name", "num") and not inside:
            positions.append(k)
    words = _words_in(tokens)
    n = min(len(positions), round(share * words + rng.uniform(-0.5, 0.5)))
    out = list(tokens)
    for k in rng.sample(positions, n):
        text, cls = out[k]
        if cls in vocab.words:
            text = vocab.synonym[text] if rng.random() < 0.8 else vocab.draw(rng, cls)
        elif cls == "det":
            text = rng.choice(DETERMINERS)
        elif cls == "prep":
            text = rng.choice(PREPOSITIONS)
        elif cls == "conj":
            text = rng.choice(CONJUNCTIONS)
        elif cls == "aux":
            text = rng.choice(AUXILIARIES)
        elif cls == "say":
            text = rng.choice(REPORTING)
        out[k] = (text, cls)
    out = _alter_quote(writer, out)
    if rng.random() < 0.08:  # a number or name updated
        spots = [k for k, (_, cls) in enumerate(out) if cls == "num" and out[k][0][0].isdigit()]
        if spots:
            k = rng.choice(spots)
            out[k] = (str(rng.randint(2, 90)), "num")
    return out


def _alter_quote(writer: _Writer, tokens: list[Token]) -> list[Token]:
    rng = writer.rng
    marks = [k for k, (_, cls) in enumerate(tokens) if cls == "quote"]
    if len(marks) != 2 or rng.random() >= QUOTE_ALTER_SHARE:
        return tokens
    inner = [k for k in range(marks[0] + 1, marks[1]) if tokens[k][1] in writer.vocab.words]
    out = list(tokens)
    for k in rng.sample(inner, min(len(inner), rng.choice((1, 1, 2)))):
        text, cls = out[k]
        out[k] = (writer.vocab.synonym[text], cls)
    return out


def _split(tokens: list[Token]) -> list[list[Token]]:
    """Cut a sentence at its first ", conj" (dropping both), else leave it whole."""
    if any(cls == "quote" for _, cls in tokens):
        return [tokens]
    for k in range(1, len(tokens) - 2):
        if tokens[k][1] == "punct" and tokens[k][0] == "," and tokens[k + 1][1] == "conj":
            return [[*tokens[:k], (".", "punct")], tokens[k + 2 :]]
    return [tokens]


def _merge(first: list[Token], second: list[Token]) -> list[Token]:
    if any(cls == "quote" for _, cls in first + second):
        return first
    return [*first[:-1], (",", "punct"), ("and", "conj"), *second]


def rewrite_story(
    headline: list[Token], paragraphs: list[list[list[Token]]], seed: int = 0
) -> tuple[list[Token], list[list[list[Token]]]]:
    """The rewrite: word replacements, dropped, added, moved, split and merged sentences."""
    writer = _Writer(seed)
    writer.rng = random.Random(f"rewrite-{seed}")
    rng = writer.rng
    new_headline = _rewrite_tokens(writer, headline, 0.4)
    out: list[list[list[Token]]] = []
    moved: list[list[Token]] = []
    for paragraph in paragraphs:
        new: list[list[Token]] = []
        skip = False
        for index, sentence in enumerate(paragraph):
            if skip:
                skip = False
                continue
            r = rng.random()
            if r < DROP_SHARE:
                continue
            if r < DROP_SHARE + MOVE_SHARE:
                moved.append(_rewrite_tokens(writer, sentence, REPLACE_SHARE))
                continue
            sentence = _rewrite_tokens(writer, sentence, REPLACE_SHARE)
            if r < DROP_SHARE + MOVE_SHARE + SPLIT_MERGE_SHARE / 2:
                new.extend(_split(sentence))
            elif r < DROP_SHARE + MOVE_SHARE + SPLIT_MERGE_SHARE and index + 1 < len(paragraph):
                nxt = _rewrite_tokens(writer, paragraph[index + 1], REPLACE_SHARE)
                merged = _merge(sentence, nxt)
                new.append(merged)
                skip = merged is not sentence
                if not skip:
                    new.append(nxt)
                    skip = True
            else:
                new.append(sentence)
            if rng.random() < ADD_SHARE:
                new.append(writer.sentence())
        out.append(new)
    for sentence in moved:  # moved sentences land in a random later or earlier paragraph
        target = out[rng.randrange(len(out))]
        target.insert(rng.randint(0, len(target)), sentence)
    return new_headline, [p for p in out if p]


def story_pair(words: int, seed: int = 0) -> tuple[str, str]:
    """(original, rewrite) of about ``words`` words each; deterministic in (words, seed)."""
    headline, paragraphs = make_story(words, seed)
    new_headline, new_paragraphs = rewrite_story(headline, paragraphs, seed)
    return render(headline, paragraphs), render(new_headline, new_paragraphs)


def word_count(text: str) -> int:
    """Words as a reader counts them (tokens with a letter or digit)."""
    return len(re.findall(r"[\w$][\w,.%$'-]*", text))


def write_pair(directory: Path, words: int, seed: int = 0, stem: str = "") -> tuple[Path, Path]:
    """Write ``{stem}a.txt`` and ``{stem}b.txt`` under ``directory``; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    original, rewrite = story_pair(words, seed)
    a, b = directory / f"{stem}a.txt", directory / f"{stem}b.txt"
    a.write_text(original, encoding="utf-8")
    b.write_text(rewrite, encoding="utf-8")
    return a, b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write a.txt and b.txt here")
    args = parser.parse_args()
    original, rewrite = story_pair(args.words, args.seed)
    if args.out:
        write_pair(args.out, args.words, args.seed)
        print(f"wrote {args.out / 'a.txt'} and {args.out / 'b.txt'}")
    else:
        print(original[:1500], "\n---\n", rewrite[:1500], sep="")
    for name, text in (("original", original), ("rewrite", rewrite)):
        print(f"{name}: {word_count(text):,} words, {len(text):,} chars, "
              f"{text.count(chr(10) + chr(10)):,} paragraphs")  # fmt: skip


if __name__ == "__main__":
    main()
