"""Search over the real catalogue: every facet value filters correctly and counts are exact."""
import pytest

from kb import search
from kb.facets import FACETS
from tests.test_facets import Args, counts, run


def test_every_facet_value_count_matches_the_filtered_list(store):
    everything = run(store)
    assert everything.total == len(store.records)
    for facet_result in everything.facets:
        for value in facet_result.values[:6]:
            filtered = run(store, **{facet_result.facet.param: value.id})
            assert filtered.total == value.count, (facet_result.facet.param, value.id)
            assert all(value.id in h.record["facets"][facet_result.facet.param] for h in
                       search.search(store, filtered.query, all_results=True).hits)


def test_highlighted_snippets_are_escaped(store):
    some = next(iter(store.records.values()))
    word = some["title"].split()[0]
    r = run(store, q=word)
    assert r.total >= 1
    for hit in r.hits:
        assert "<script" not in hit.snippet


@pytest.mark.parametrize("q", ['"', "((", "AND", "OR NOT", "*", "a*", "NOT", '"onafgesloten', "tillen)", "x" * 5000,
                               "'", "\\", "title:tillen", "tillen^9", "[a TO z]", "\x00", "😀", "ü"])
def test_odd_queries_do_not_crash(store, q):
    r = run(store, q=q)
    assert r.total >= 0
