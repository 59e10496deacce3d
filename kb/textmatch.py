"""Evaluate a text query with a cache of per-word scores.

Whoosh scores each word (a Term, or a Phrase) in each field with BM25F; a query is a tree of Or,
And, AndMaybe and AndNot over such words, and its score for a record is the sum of the scores of
the words it matched (times the boosts). Whoosh rebuilds its matcher tree on every search, which
costs more than the scoring itself on a catalogue this size. So we ask Whoosh once for each word's
scores, keep them (bounded), and combine them here, the way Whoosh's matchers combine them: the
same records and the same scores (tests/test_textmatch.py compares the two), in a fraction of the
time, and most of all for the next search that shares a word.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

from whoosh import query as Q

MAX_ENTRIES = 500_000  # cached (record, score) pairs in all; about 50 MB at most


class TermScores:
    """Per-build cache of {document number: score} for each word a query asked for."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._cache: OrderedDict = OrderedDict()
        self._entries = 0
        self._lock = threading.Lock()

    def _leaf(self, searcher, q) -> dict[int, float]:
        key = (q.fieldname, tuple(q.words)) if isinstance(q, Q.Phrase) else (q.fieldname, q.text)
        scores = self._cache.get(key)
        if scores is None:
            results = searcher.search(q.with_boost(1.0), limit=None)
            scores = {docnum: score for score, docnum in results.top_n}
            with self._lock:
                if key not in self._cache:
                    self._cache[key] = scores
                    self._entries += len(scores) + 1
                    while self._entries > self.max_entries and len(self._cache) > 1:
                        _, old = self._cache.popitem(last=False)
                        self._entries -= len(old) + 1
        return scores

    def evaluate(self, searcher, q) -> dict[int, float]:
        """{document number: score} of every record the query matches."""
        if q is Q.NullQuery or q is None:
            return {}
        if isinstance(q, (Q.Term, Q.Phrase)):
            scores = self._leaf(searcher, q)
            return scores if q.boost == 1.0 else {d: s * q.boost for d, s in scores.items()}
        if isinstance(q, Q.AndNot):
            a, b = self.evaluate(searcher, q.a), self.evaluate(searcher, q.b)
            return {d: s for d, s in a.items() if d not in b}
        if isinstance(q, Q.AndMaybe):
            a, b = self.evaluate(searcher, q.a), self.evaluate(searcher, q.b)
            return {d: s + b[d] if d in b else s for d, s in a.items()}
        if isinstance(q, Q.And):
            parts = sorted((self.evaluate(searcher, sub) for sub in q.subqueries), key=len)
            out = dict(parts[0]) if parts else {}
            for part in parts[1:]:
                out = {d: s + part[d] for d, s in out.items() if d in part}
        elif isinstance(q, Q.Or):
            out: dict[int, float] = {}
            for sub in q.subqueries:
                for d, s in self.evaluate(searcher, sub).items():
                    out[d] = out.get(d, 0.0) + s
        else:  # a query kind our query builder does not make: let Whoosh do it
            return {docnum: score for score, docnum in searcher.search(q, limit=None).top_n}
        return out if q.boost == 1.0 else {d: s * q.boost for d, s in out.items()}
