"""Search: a query from URL parameters, full-text matching in Whoosh, filters and facet counts.

Filters combine as OR within one facet and AND across facets. Each facet's counts are taken over
the results filtered by all the *other* facets, so a count says how many results selecting that
value would add, and always follows the query.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from whoosh.highlight import ContextFragmenter, HtmlFormatter

from kb import query as query_builder
from kb.facets import FACETS, FacetResult, FacetValue

PER_PAGE = 20
MAX_QUERY_LENGTH = 300
MAX_FILTER_VALUES = 40
SORTS = {"relevantie": "Relevantie", "titel": "Titel (A-Z)", "recent": "Recent toegevoegd"}


@dataclass
class SearchQuery:
    q: str = ""
    filters: dict = field(default_factory=dict)  # param -> [values]
    sort: str = ""
    page: int = 1
    notices: list = field(default_factory=list)  # Dutch messages about input that was adjusted

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevantie" if self.q else "titel")

    def params(self, **changes) -> list[tuple[str, str]]:
        """URL parameters for this query, with changes applied (None removes)."""
        q = changes.get("q", self.q)
        sort = changes.get("sort", self.sort)
        page = changes.get("page", 1)
        filters = changes.get("filters", self.filters)
        out = [("q", q)] if q else []
        for facet in FACETS:
            out += [(facet.param, v) for v in filters.get(facet.param, [])]
        if sort:
            out.append(("sorteer", sort))
        if page and page > 1:
            out.append(("pagina", str(page)))
        return out

    def url(self, base: str, **changes) -> str:
        params = self.params(**changes)
        return base + ("?" + urlencode(params) if params else "")

    def toggled(self, param: str, value: str) -> dict:
        filters = {k: list(v) for k, v in self.filters.items()}
        values = filters.setdefault(param, [])
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        return {k: v for k, v in filters.items() if v}

    @property
    def is_empty(self) -> bool:
        return not self.q and not any(self.filters.values())


def parse_args(args, store) -> SearchQuery:
    """Read a query from request arguments (a MultiDict), keeping only values that exist."""
    query = SearchQuery()
    q = " ".join((args.get("q") or "").split())
    if len(q) > MAX_QUERY_LENGTH:
        q = q[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or q[:MAX_QUERY_LENGTH]
        query.notices.append(f"Uw zoekvraag was erg lang; we zochten op de eerste {MAX_QUERY_LENGTH} tekens.")
    query.q = q
    for facet in FACETS:
        values = []
        for value in args.getlist(facet.param)[: MAX_FILTER_VALUES * 2]:
            value = value.strip()
            if not value or value in values:
                continue
            if value not in store.vocab(facet.vocab):
                query.notices.append(f"Het filter {facet.label.lower()} '{value[:60]}' bestaat niet en is genegeerd.")
                continue
            values.append(value)
        if values:
            query.filters[facet.param] = values[:MAX_FILTER_VALUES]
    sort = args.get("sorteer", "")
    if sort in SORTS:
        query.sort = sort
    elif sort:
        query.notices.append("Onbekende sortering; de standaardvolgorde is gebruikt.")
    try:
        query.page = max(1, int(args.get("pagina", "1")))
    except (TypeError, ValueError):
        query.page = 1
    return query


@dataclass
class Hit:
    record: dict
    score: float
    snippet: str  # safe HTML with <mark>; empty without a text query


@dataclass
class SearchResult:
    query: SearchQuery
    total: int
    page: int
    pages: int
    hits: list
    facets: list
    relaxed: bool = False  # True when no record had every word and we show records with some
    suggestion: str | None = None  # 'Bedoelde u …?'
    corrected_from: str | None = None  # the query as typed, when we searched a corrected one instead

    @property
    def start(self) -> int:
        return (self.page - 1) * PER_PAGE + 1 if self.total else 0

    @property
    def end(self) -> int:
        return min(self.page * PER_PAGE, self.total)


def _text_matches(store, q: str):
    """All records matching q with scores; relaxed to any word when no record has them all."""
    searcher = store.searcher()
    p = query_builder.plan(q, store.synonyms)
    strict = query_builder.build(p, store.lexicon, match_all=True)
    if strict is None:
        return None, False, p
    results = searcher.search(strict, limit=None, terms=True)
    if len(results) or len([u for u in p.units if not u.negated]) < 2:
        return results, False, p
    return searcher.search(query_builder.build(p, store.lexicon, match_all=False), limit=None, terms=True), True, p


def suggestion(store, p) -> str | None:
    """'Bedoelde u …?': the query with unknown words replaced by close catalogue words."""
    changed = False
    out = []
    for unit in p.units:
        words = []
        for word in unit.text.split():
            fixed = store.lexicon.suggest(word) if word.isalpha() and word.lower() not in store.lexicon else None
            if fixed and fixed != word.lower():
                words.append(fixed)
                changed = True
            else:
                words.append(word)
        text = " ".join(words)
        out.append(("-" if unit.negated else "") + (f'"{text}"' if unit.phrase and " " in text else text))
    return " ".join(out) if changed else None


def search(store, query: SearchQuery, base_url: str = "/interventies", per_page: int = PER_PAGE,
           all_results: bool = False) -> SearchResult:
    relaxed = False
    whoosh_results = None
    suggested = corrected_from = None
    if query.q:
        whoosh_results, relaxed, p = _text_matches(store, query.q)
        suggested = suggestion(store, p)
        if suggested and (whoosh_results is None or not len(whoosh_results)):
            # Nothing found as typed: search the corrected words and say so.
            fixed_results, fixed_relaxed, _ = _text_matches(store, suggested)
            if fixed_results is not None and len(fixed_results):
                corrected_from, query.q = query.q, suggested
                whoosh_results, relaxed, suggested = fixed_results, fixed_relaxed, None
        scores = {hit["id"]: hit.score for hit in whoosh_results} if whoosh_results is not None else {}
        candidates = [store.records[i] for i in scores if i in store.records]
    else:
        scores = {}
        candidates = list(store.records.values())

    active = {p: set(v) for p, v in query.filters.items() if v}
    counts = {f.param: {} for f in FACETS}
    matched = []
    for rec in candidates:
        values = rec["facets"]
        failing = [p for p, wanted in active.items() if not wanted.intersection(values[p])]
        if len(failing) > 1:
            continue
        count_in = [failing[0]] if failing else list(counts)
        for param in count_in:
            bucket = counts[param]
            for v in values[param]:
                bucket[v] = bucket.get(v, 0) + 1
        if not failing:
            matched.append(rec)

    sort = query.effective_sort
    if sort == "relevantie" and query.q:
        matched.sort(key=lambda r: (-scores.get(r["id"], 0), r["title"].lower()))
    elif sort == "recent":
        matched.sort(key=lambda r: r["title"].lower())
        matched.sort(key=lambda r: r.get("added") or "", reverse=True)
    else:
        matched.sort(key=lambda r: r["title"].lower())

    total = len(matched)
    pages = max(1, math.ceil(total / per_page))
    page = min(query.page, pages)
    if query.page > pages and total:
        query.notices.append(f"Pagina {query.page} bestaat niet; u ziet de laatste pagina ({pages}).")
    query.page = page
    shown = matched if all_results else matched[(page - 1) * per_page: page * per_page]

    hit_objects = {h["id"]: h for h in whoosh_results} if whoosh_results is not None and not all_results else {}
    if hit_objects:
        whoosh_results.fragmenter = ContextFragmenter(maxchars=220, surround=60)
        whoosh_results.formatter = HtmlFormatter(tagname="mark", between=" … ")
    hits = []
    for rec in shown:
        snippet = ""
        if rec["id"] in hit_objects:
            h = hit_objects[rec["id"]]
            snippet = h.highlights("summary", top=2) or h.highlights("description", top=2)
        hits.append(Hit(rec, scores.get(rec["id"], 0.0), snippet))

    facet_results = []
    for facet in FACETS:
        vocab = store.vocab(facet.vocab)
        selected = set(query.filters.get(facet.param, []))
        bucket = counts[facet.param]
        ids = [t for t in bucket if t in vocab] + [s for s in selected if s not in bucket]
        values = [FacetValue(i, vocab.label(i), bucket.get(i, 0), i in selected,
                             query.url(base_url, filters=query.toggled(facet.param, i)))
                  for i in ids]
        if facet.ordered:
            order = {k: n for n, k in enumerate(vocab.terms)}
            values.sort(key=lambda v: order.get(v.id, 0))
        else:
            values.sort(key=lambda v: (-v.count, v.label.lower()))
        facet_results.append(FacetResult(facet, values))
    return SearchResult(query, total, page, pages, hits, facet_results, relaxed, suggested, corrected_from)

