"""The catalogue's own words: for splitting Dutch compounds and for 'Bedoelde u …?' suggestions.

Built from the records at build time and kept with the build, so that search only suggests words
the catalogue really uses.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from kb.analysis import STOPWORDS, dutch_stem, fold, surface_words

MIN_PART = 4  # shortest part of a compound ('zorg', 'werk', 'druk')
MIN_ONE_SIDED_HEAD = 5  # 'werkdruk|verlaging' splits even when the tail is not a known word
LINKS = ("s", "en", "e", "")  # Dutch linking sounds between compound parts ('beleid-s-spiegel')


class Lexicon:
    def __init__(self, counts: dict[str, int]):
        self.counts = counts
        self._by_length: dict[int, list[str]] = {}
        for word in counts:
            self._by_length.setdefault(len(word), []).append(word)
        self._split_cache: dict[str, list[str]] = {}
        # Stems count as known parts too: compounds are often made with one ('pest' in 'pestbeleid').
        self._stems = {dutch_stem(w) for w in counts if len(w) > MIN_PART and w.isalpha()}

    # -- persistence ---------------------------------------------------------------------------
    @classmethod
    def from_texts(cls, texts) -> "Lexicon":
        counts: Counter = Counter()
        for text in texts:
            counts.update(w for w in surface_words(text) if len(w) >= 2)
        return cls(dict(counts))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.counts, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "Lexicon":
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def __contains__(self, word: str) -> bool:
        return fold(word) in self.counts

    # -- compounds -----------------------------------------------------------------------------
    def _known(self, word: str) -> bool:
        return len(word) >= MIN_PART and (word in self.counts or word in self._stems) and word not in STOPWORDS

    def split(self, word: str) -> list[str]:
        """Parts of a Dutch compound that the catalogue knows as words of their own:
        'ouderenzorg' -> ['ouderen', 'zorg']; a word that is no compound gives []."""
        word = fold(word)
        if word in self._split_cache:
            return self._split_cache[word]
        best: list[str] = []
        if len(word) >= 2 * MIN_PART:
            for i in range(len(word) - MIN_PART, MIN_PART - 1, -1):  # longest known head first
                head, rest = word[:i], word[i:]
                if not self._known(head):
                    continue
                for link in LINKS:
                    if not rest.startswith(link):
                        continue
                    tail = rest[len(link):]
                    if len(tail) < MIN_PART:
                        continue
                    if self._known(tail):
                        best = [head, tail]
                    else:
                        sub = self.split(tail)
                        if sub:
                            best = [head, *sub]
                    if best:
                        break
                if best:
                    break
            if not best:
                # A known head with an unknown but substantial tail still tells us something.
                for i in range(len(word) - MIN_ONE_SIDED_HEAD, MIN_ONE_SIDED_HEAD - 1, -1):
                    if self._known(word[:i]) and len(word) - i >= MIN_ONE_SIDED_HEAD:
                        best = [word[:i]]
                        break
        self._split_cache[word] = best
        return best

    # -- spelling ------------------------------------------------------------------------------
    def suggest(self, word: str) -> str | None:
        """The most frequent catalogue word within a small edit distance of an unknown word."""
        word = fold(word)
        if len(word) < 4 or word in self.counts or word.isdigit():
            return None
        limit = 1 if len(word) <= 5 else 2
        best, best_key = None, None
        for length in range(len(word) - limit, len(word) + limit + 1):
            for cand in self._by_length.get(length, ()):
                d = _distance(word, cand, limit)
                if d <= limit:
                    key = (d, -self.counts[cand])
                    if best_key is None or key < best_key:
                        best, best_key = cand, key
        return best


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once), stopping early past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2 = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        row_min = cur[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
            row_min = min(row_min, cur[j])
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def record_texts(rec: dict) -> list[str]:
    return [rec["title"], rec["summary"], rec["description"], " ".join(rec["aliases"]), " ".join(rec["keywords"])]
