"""Evaluate a text query with a cache of per-word scores.

Whoosh scores each word (a Term, or a Phrase) in each field with BM25F; a query is a tree of Or,
And, AndMaybe and AndNot over such words, and its score for a record is the sum of the scores of
the words it matched (times the boosts). Whoosh rebuilds its matcher tree on every search, which
costs more than the scoring itself on a catalogue this size. So we ask Whoosh once for each word's
scores, keep them (bounded), and combine them here, the way Whoosh's matchers combine them: the
same records and the same scores (tests/test_textmatch.py compares the two), in a fraction of the
time, and most of all for the next search that shares a word.

An And is evaluated smallest part first, and the other parts only for the records still in the
running, looked up by bisection in the word's sorted document numbers: 'werkdruk' split into
'werk' and 'druk' costs what the records with 'druk' cost, not what every record with 'werk' does.
"""
from __future__ import annotations

import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict

from whoosh import query as Q

MAX_ENTRIES = 1_000_000  # cached (record, score) pairs in all: at most about 12 MB


class TermScores:
    """Per-build cache of the scores of each word a query asked for."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._cache: OrderedDict = OrderedDict()
        self._entries = 0
        self._lock = threading.Lock()

    def _leaf(self, searcher, q) -> tuple[array, array]:
        """(document numbers ascending, scores) of one word or phrase in one field, unboosted."""
        key = (q.fieldname, tuple(q.words)) if isinstance(q, Q.Phrase) else (q.fieldname, q.text)
        cached = self._cache.get(key)
        if cached is None:
            pairs = sorted((d, s) for s, d in searcher.search(q.with_boost(1.0), limit=None).top_n)
            # Two flat arrays: 12 bytes a match, where a dict takes over 100.
            cached = (array("i", (d for d, _ in pairs)), array("d", (s for _, s in pairs)))
            with self._lock:
                if key not in self._cache:
                    self._cache[key] = cached
                    self._entries += len(cached[0]) + 1
                    while self._entries > self.max_entries and len(self._cache) > 1:
                        _, old = self._cache.popitem(last=False)
                        self._entries -= len(old[0]) + 1
        return cached

    def _size(self, searcher, q) -> int:
        """An upper bound of the number of records q matches (to evaluate the smallest first)."""
        if isinstance(q, (Q.Term, Q.Phrase)):
            return len(self._leaf(searcher, q)[0])
        if isinstance(q, Q.And):
            return min((self._size(searcher, s) for s in q.subqueries), default=0)
        if isinstance(q, (Q.AndNot, Q.AndMaybe)):
            return self._size(searcher, q.a)
        if isinstance(q, Q.Or):
            return sum(self._size(searcher, s) for s in q.subqueries)
        return 1 << 30

    def evaluate(self, searcher, q, within=None) -> dict[int, float]:
        """{document number: score} of the records the query matches (only those in `within`,
        a collection of document numbers, when given)."""
        if q is Q.NullQuery or q is None:
            return {}
        boost = q.boost
        if isinstance(q, (Q.Term, Q.Phrase)):
            docs, scores = self._leaf(searcher, q)
            if within is None:
                out = dict(zip(docs, scores))
            else:
                out, n = {}, len(docs)
                for d in within:
                    i = bisect_left(docs, d)
                    if i < n and docs[i] == d:
                        out[d] = scores[i]
        elif isinstance(q, Q.AndNot):
            out = self.evaluate(searcher, q.a, within)
            excluded = self.evaluate(searcher, q.b, out.keys()) if out else {}
            return {d: s for d, s in out.items() if d not in excluded}
        elif isinstance(q, Q.AndMaybe):
            out = self.evaluate(searcher, q.a, within)
            extra = self.evaluate(searcher, q.b, out.keys()) if out else {}
            return {d: s + extra[d] if d in extra else s for d, s in out.items()}
        elif isinstance(q, Q.And):
            parts = sorted(q.subqueries, key=lambda s: self._size(searcher, s))
            out = self.evaluate(searcher, parts[0], within) if parts else {}
            for part in parts[1:]:
                if not out:
                    break
                more = self.evaluate(searcher, part, out.keys())
                out = {d: s + more[d] for d, s in out.items() if d in more}
        elif isinstance(q, Q.Or):
            out = {}
            get = out.get
            for sub in q.subqueries:
                for d, s in self.evaluate(searcher, sub, within).items():
                    out[d] = get(d, 0.0) + s
        else:  # a query kind our query builder does not make: let Whoosh do it
            out = {d: s for s, d in searcher.search(q, limit=None).top_n}
            if within is not None:
                out = {d: s for d, s in out.items() if d in within}
        return out if boost == 1.0 else {d: s * boost for d, s in out.items()}
