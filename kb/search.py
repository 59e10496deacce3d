"""Search: a query from URL parameters, full-text matching in Whoosh, filters and facet counts.

Filters combine as OR within one facet and AND across facets. Each facet's counts are taken over
the results filtered by all the *other* facets, so a count says how many results selecting that
value would add, and always follows the query.
"""
from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass, field
from urllib.parse import quote_plus, urlencode

from kb import facetindex, snippets
from kb import query as query_builder
from kb.index import plain_text
from kb.facets import BY_PARAM, FACETS, FacetResult, FacetValue

PER_PAGE = 20
FACET_LIMIT = 12  # values shown per facet on the page before 'toon alle'
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
    expanded: list = field(default_factory=list)  # facet params whose every value is shown ('alle')

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
        out += [("alle", p) for p in changes.get("expanded", self.expanded)]
        if page and page > 1:
            out.append(("pagina", str(page)))
        return out

    def url(self, base: str, **changes) -> str:
        params = self.params(**changes)
        return base + ("?" + urlencode(params) if params else "")

    def toggle_urls(self, base: str, param: str, values) -> dict[str, str]:
        """For each value of one facet, the URL that selects it, or deselects it when selected:
        the same as url(base, filters=toggled(param, value)), built without re-encoding the rest
        of the query for each of the (often hundreds of) values on a page."""
        def enc(name, value):
            return f"{quote_plus(name, safe='')}={quote_plus(str(value), safe='')}"

        where = [f.param for f in FACETS].index(param)
        before = [enc("q", self.q)] if self.q else []
        for facet in FACETS[:where]:
            before += [enc(facet.param, v) for v in self.filters.get(facet.param, [])]
        after = []
        for facet in FACETS[where + 1:]:
            after += [enc(facet.param, v) for v in self.filters.get(facet.param, [])]
        if self.sort:
            after.append(enc("sorteer", self.sort))
        after += [enc("alle", p) for p in self.expanded]
        current = self.filters.get(param, [])
        out = {}
        for value in values:
            chosen = [v for v in current if v != value] if value in current else [*current, value]
            parts = before + [enc(param, v) for v in chosen] + after
            out[value] = base + ("?" + "&".join(parts) if parts else "")
        return out

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
    query.expanded = [p for p in dict.fromkeys(args.getlist("alle")) if p in BY_PARAM]
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
    snippet: str = ""  # safe HTML: a fragment of the description with the searched words marked
    summary_html: str = ""  # safe HTML: the summary with the searched words marked, when it has them


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


def _text_query(store, q: str):
    """The Whoosh query for q with every word required, relaxed to any word when no record has
    them all. Returns (query or None, relaxed, plan, {document number: score})."""
    p = query_builder.plan(q, store.synonyms, store.general_words)
    strict = query_builder.build(p, store.lexicon, match_all=True, terms=store.terms)
    if strict is None:
        return None, False, p, {}
    found = store.match(strict)
    if found or len([u for u in p.units if not u.negated]) < 2:
        return strict, False, p, found
    relaxed = query_builder.build(p, store.lexicon, match_all=False, terms=store.terms)
    return relaxed, True, p, store.match(relaxed)


def suggestion(store, p) -> str | None:
    """'Bedoelde u …?': the query with unknown words replaced by close catalogue words."""
    changed = False
    out = []
    for unit in p.units:
        words = []
        for word in unit.text.split():
            # Each part of a hyphenated or slashed word on its own: 'e-lerning' -> 'e-learning'.
            pieces = re.split(r"([-/])", word)
            for i, piece in enumerate(pieces):
                fixed = store.lexicon.suggest(piece) if piece.isalpha() and piece.lower() not in store.lexicon else None
                if fixed and fixed != piece.lower():
                    pieces[i] = fixed
                    changed = True
            words.append("".join(pieces))
        text = " ".join(words)
        out.append(("-" if unit.negated else "") + (f'"{text}"' if unit.phrase and " " in text else text))
    return " ".join(out) if changed else None


def search(store, query: SearchQuery, base_url: str = "/interventies", per_page: int = PER_PAGE,
           all_results: bool = False, facet_limit: int | None = None) -> SearchResult:
    """One page of results (every result with all_results) and the facet counts. With
    facet_limit, a facet shows its most frequent values and the selected ones, unless the query
    expands it; the API asks for every value."""
    fi = store.facet_index
    relaxed = False
    wq = None
    suggested = corrected_from = None
    if query.q:
        wq, relaxed, p, found = _text_query(store, query.q)
        suggested = suggestion(store, p)
        if suggested and not found:
            # Nothing found as typed: search the corrected words and say so.
            fixed_q, fixed_relaxed, fixed_p, fixed_found = _text_query(store, suggested)
            if fixed_found:
                corrected_from, query.q = query.q, suggested
                wq, relaxed, found, suggested, p = fixed_q, fixed_relaxed, fixed_found, None, fixed_p
        matched = facetindex.from_positions(found, fi.size)
    else:
        matched = fi.all

    active = {p: v for p, v in query.filters.items() if v}
    passing, bases = fi.apply(matched, active)
    total = passing.bit_count()
    pages = max(1, math.ceil(total / per_page))
    page = min(query.page, pages)
    if query.page > pages and total:
        query.notices.append(f"Pagina {query.page} bestaat niet; u ziet de laatste pagina ({pages}).")
    query.page = page
    first, last = (0, total) if all_results else ((page - 1) * per_page, page * per_page)

    sort = query.effective_sort
    scores: dict[int, float] = found if query.q else {}
    if sort == "relevantie" and query.q:
        # Highest score first; equal scores in document number order, which is title order.
        allowed = found.items() if passing == matched else (
            (n, found[n]) for n in facetindex.positions(passing))
        ranked = [n for _, n in heapq.nsmallest(last, ((-score, n) for n, score in allowed))]
    elif sort == "recent":
        ranked = sorted(facetindex.positions(passing), key=store.recent_rank.__getitem__)
    else:
        ranked = facetindex.positions(passing)
        if store.title_order is not None:  # an index not written in title order
            ranked.sort(key={n: i for i, n in enumerate(store.title_order)}.__getitem__)
    shown = ranked[first:last]

    words = query_builder.highlight_words(p) if query.q and not all_results else set()
    hits = [Hit(store.by_position[n], scores.get(n, 0.0)) for n in shown]
    if words:
        for hit in hits:
            hit.summary_html = snippets.mark(hit.record["summary"], words)
        # A fragment of the description where the summary does not have the words.
        wanting = [h for h in hits if not h.summary_html]
        texts = store.descriptions(h.record["id"] for h in wanting) if wanting else {}
        for hit in wanting:
            hit.snippet = snippets.fragment(plain_text(texts.get(hit.record["id"], "")), words)

    facet_results = []
    for facet in FACETS:
        vocab = store.vocab(facet.vocab)
        selected = set(query.filters.get(facet.param, []))
        bucket = fi.counts(facet.param, bases[facet.param])
        ids = [t for t in bucket if t in vocab] + [s for s in selected if s not in bucket]
        if facet.ordered:
            order = {k: n for n, k in enumerate(vocab.terms)}
            ids.sort(key=lambda i: order.get(i, 0))
        else:
            ids.sort(key=lambda i: (-bucket.get(i, 0), vocab.label(i).lower()))
        available = len(ids)
        if facet_limit is not None and facet.param not in query.expanded and len(ids) > facet_limit + 2:
            ids = ids[:facet_limit] + [i for i in ids[facet_limit:] if i in selected]
        urls = query.toggle_urls(base_url, facet.param, ids)
        values = [FacetValue(i, vocab.label(i), bucket.get(i, 0), i in selected, urls[i]) for i in ids]
        facet_results.append(FacetResult(facet, values, available))
    return SearchResult(query, total, page, pages, hits, facet_results, relaxed, suggested, corrected_from)
