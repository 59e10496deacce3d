"""Fuzzing every public endpoint's parameters: never a 5xx, and pathological queries stay cheap."""
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.facets import FACETS

PARAMS = ["q", "sorteer", "pagina"] + [f.param for f in FACETS]
ENDPOINTS = ["/interventies", "/api/v1/interventies", "/interventies.csv", "/api/v1/suggesties"]
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
odd = st.sampled_from(['"', "(", ")", "*", "a*", "?", "~", "^2", "AND", "OR", "NOT", "-", "--", ":", "title:",
                       "[a TO z]", "{", "}", "\\", "'", "%", "&", "#", "\x00", "\u200b", "ﬁ", "İ", "😀"])
value = st.one_of(text, odd, st.integers().map(str), st.lists(odd, max_size=20).map(" ".join))
params = st.lists(st.tuples(st.sampled_from(PARAMS), value), max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(endpoint=st.sampled_from(ENDPOINTS), pairs=params)
def test_no_server_errors(client, endpoint, pairs):
    r = client.get(endpoint + "?" + urlencode(pairs))
    assert r.status_code < 500


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rid=text)
def test_record_ids_never_5xx(client, rid):
    from urllib.parse import quote

    r = client.get("/interventies/" + quote(rid, safe=""))
    assert r.status_code in (200, 404, 308)
    r = client.get("/api/v1/interventies/" + quote(rid, safe=""))
    assert r.status_code in (200, 404, 308)


PATHOLOGICAL = ["*", "a*", "*a*", '"' * 50, "(" * 200, "a " * 2000, "x" * 10000, "a OR " * 500,
                "werk " * 300, " ".join(f"-w{i}" for i in range(500)), '"' + "werk " * 500 + '"']


def test_pathological_queries_are_bounded(client, store):
    """Expensive features are limited rather than allowed to run away: the query is cut to a
    fixed length and a fixed number of words, and wildcards are plain characters."""
    from kb import query as qb
    from kb import search

    for q in PATHOLOGICAL:
        r = client.get("/interventies?" + urlencode({"q": q}))
        assert r.status_code == 200
        parsed = search.parse_args(_Args(q=q), store)
        assert len(parsed.q) <= search.MAX_QUERY_LENGTH
        plan = qb.plan(parsed.q, store.synonyms)
        assert len(plan.units) <= qb.MAX_UNITS
        built = qb.build(plan, store.lexicon)
        assert built is None or "Wildcard" not in repr(built) and "Prefix" not in repr(built)


class _Args(dict):
    def getlist(self, key):
        return [self[key]] if key in self else []


def test_many_repeated_filters_are_bounded(client, store):
    sector = next(iter(store.sectors.terms))
    url = "/interventies?" + "&".join([f"sector={sector}"] * 2000 + [f"doelgroep=x{i}" for i in range(2000)])
    r = client.get(url)
    assert r.status_code == 200
