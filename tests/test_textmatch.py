"""The cached evaluation of text queries gives exactly Whoosh's matches and scores, and the
search built on it agrees with a plain loop over every record."""
import pytest

from kb import facetindex, search, snippets
from kb import query as query_builder
from kb.textmatch import TermScores

QUERIES = ["tillen", "werkdruk", "vitaliteit", "werkdruk zorg", "duurzame inzetbaarheid", '"fysieke belasting"',
           "werkdruk -zorg", "werkdrukverlaging", "burn-out", "loopbaan scan", "LLO", "RI&E", "ouderenzorg",
           "zorg", "e-learning", "coördinatie", "xyzzy werkdruk", "scan training app", "mkb"]


@pytest.mark.parametrize("q", QUERIES)
def test_same_matches_and_scores_as_whoosh(store, q):
    p = query_builder.plan(q, store.synonyms)
    for match_all in (True, False):
        wq = query_builder.build(p, store.lexicon, match_all=match_all, terms=store.terms)
        if wq is None or wq is query_builder.NOTHING:
            continue
        expected = {docnum: score for score, docnum in store.searcher().search(wq, limit=None).top_n}
        got = TermScores().evaluate(store.searcher(), wq)
        assert got.keys() == expected.keys(), q
        for docnum, score in expected.items():
            assert got[docnum] == pytest.approx(score, rel=1e-9), q


class _EveryWord(dict):
    """Document frequencies as usual, but every word counts as present: no clause is left out."""

    def __contains__(self, word):
        return True


def test_leaving_out_absent_words_changes_nothing(store):
    everything = {f: _EveryWord(t) for f, t in store.terms.items()}
    for q in QUERIES:
        p = query_builder.plan(q, store.synonyms)
        full = query_builder.build(p, store.lexicon, terms=everything)
        pruned = query_builder.build(p, store.lexicon, terms=store.terms)
        if full is None:
            assert pruned is None
            continue
        expected = {d: s for s, d in store.searcher().search(full, limit=None).top_n}
        assert TermScores().evaluate(store.searcher(), pruned) == pytest.approx(expected), q
        assert len(list(pruned.leaves())) <= len(list(full.leaves())) if pruned is not query_builder.NOTHING else True


def test_cache_stays_within_its_bound(store):
    cache = TermScores(max_entries=50)
    for q in QUERIES:
        wq = query_builder.build(query_builder.plan(q, store.synonyms), store.lexicon, terms=store.terms)
        if wq is not None:
            cache.evaluate(store.searcher(), wq)
    assert cache._entries <= 50 or len(cache._cache) == 1


@pytest.mark.parametrize("params", [
    {"q": "werkdruk"}, {"q": "scan", "sector": ["zorg-en-welzijn"]}, {"q": "training", "sorteer": "titel"},
    {"q": "loopbaan", "doelgroep": ["werknemers", "werkgevers"], "keten": ["B", "C"]},
    {"thema": ["veilig-gezond-vitaal"], "sorteer": "recent"}, {"q": "veilig", "pagina": "2"}, {},
])
def test_search_agrees_with_a_plain_loop(store, params):
    """Totals, order and every facet count, against a brute-force computation over all records."""
    from werkzeug.datastructures import MultiDict

    args = MultiDict([(k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])])
    query = search.parse_args(args, store)
    result = search.search(store, query)
    if query.q:
        wq, _, _, _ = search._text_query(store, query.q)
        scores = {store.by_position[d]["id"]: s for s, d in store.searcher().search(wq, limit=None).top_n}
    else:
        scores = {rid: 0.0 for rid in store.records}
    active = query.filters

    def passes(rec, skip=None):
        return all(set(vs) & set(rec["facets"][p]) for p, vs in active.items() if p != skip)

    matched = [store.records[i] for i in scores if passes(store.records[i])]
    title_key = lambda r: (r["title"].lower(), r["id"])  # noqa: E731
    if query.effective_sort == "relevantie":
        matched.sort(key=lambda r: (-scores[r["id"]], title_key(r)))
    elif query.effective_sort == "recent":
        matched.sort(key=title_key)
        matched.sort(key=lambda r: r.get("added") or "", reverse=True)
    else:
        matched.sort(key=title_key)
    assert result.total == len(matched)
    start = (result.page - 1) * search.PER_PAGE
    expected_ids = [r["id"] for r in matched[start:start + search.PER_PAGE]]
    got_ids = [h.record["id"] for h in result.hits]
    if query.effective_sort == "relevantie":  # equal scores may differ in the last decimals
        assert [round(scores[i], 6) for i in got_ids] == [round(scores[i], 6) for i in expected_ids]
    else:
        assert got_ids == expected_ids
    for fr in result.facets:
        counts = {}
        for rid in scores:
            rec = store.records[rid]
            if passes(rec, skip=fr.facet.param):
                for v in rec["facets"][fr.facet.param]:
                    counts[v] = counts.get(v, 0) + 1
        assert {v.id: v.count for v in fr.values if v.count} == {
            k: n for k, n in counts.items() if k in store.vocab(fr.facet.vocab)}, fr.facet.param


def test_bitsets_round_trip():
    positions = [0, 3, 7, 8, 63, 64, 999]
    bits = facetindex.from_positions(positions, 1000)
    assert facetindex.positions(bits) == positions
    assert bits.bit_count() == len(positions)
    assert facetindex.positions(0) == []


def test_marks_are_escaped_and_follow_the_stem():
    html = snippets.mark("Werkdruk <b>verlagen</b>: minder werkdruk, meer werkplezier & rust.", {"werkdruk"})
    assert html == ("<mark>Werkdruk</mark> &lt;b&gt;verlagen&lt;/b&gt;: minder <mark>werkdruk</mark>, "
                    "meer werkplezier &amp; rust.")
    assert snippets.mark("Over burn-out praten", {"burnout"}) == "Over <mark>burn-out</mark> praten"
    assert snippets.mark("Niets hier", {"werkdruk"}) == ""


def test_fragment_of_a_long_text_starts_at_a_word_near_the_match():
    text = " ".join(["inleiding"] * 60) + " hier gaat het over werkdruk in teams " + " ".join(["slot"] * 60)
    frag = snippets.fragment(text, {"werkdruk"})
    assert frag.startswith("… ") and frag.endswith(" …") and "<mark>werkdruk</mark>" in frag
    assert len(frag) <= snippets.FRAGMENT_CHARS + 30
    assert " inleid " not in frag  # no word cut in half


def test_toggle_urls_equal_the_general_url_builder(store):
    from werkzeug.datastructures import MultiDict

    args = MultiDict([("q", "werk & druk?"), ("sector", "zorg-en-welzijn"), ("keten", "B"), ("keten", "C"),
                      ("organisatie", "tno"), ("sorteer", "titel"), ("pagina", "3")])
    query = search.parse_args(args, store)
    for facet in search.FACETS:
        values = list(store.vocab(facet.vocab).terms)[:30] + query.filters.get(facet.param, [])
        urls = query.toggle_urls("/interventies", facet.param, values)
        for v in values:
            assert urls[v] == query.url("/interventies", filters=query.toggled(facet.param, v)), (facet.param, v)
