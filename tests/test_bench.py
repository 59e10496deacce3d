"""The quick pieces of the performance benchmark (kb.bench) that need no Datasette: the synthetic
catalogue generator, the percentile function, the SQLite FTS5 reference and the load generator."""
import math
import statistics
import threading

import pytest
from werkzeug.datastructures import MultiDict
from werkzeug.serving import make_server

from kb import bench, build, search, validation
from kb.facets import FACETS
from kb.store import Store

from tests.conftest import REAL_CATALOGUE


def test_percentile_interpolates_between_ranks():
    assert bench.percentile([5, 1, 4, 2, 3], 50) == 3
    assert bench.percentile([1, 2, 3, 4, 5], 0) == 1
    assert bench.percentile([1, 2, 3, 4, 5], 100) == 5
    assert bench.percentile([1, 2, 3, 4, 5], 25) == 2
    assert bench.percentile([1, 2], 50) == 1.5
    assert bench.percentile([7], 99) == 7
    assert math.isnan(bench.percentile([], 50))
    data = [0.3, 1.7, 2.2, 9.1, 4.4, 3.3, 8.0, 0.9, 5.5, 6.1]
    # Same definition as statistics.quantiles(method="inclusive") (and numpy's default).
    assert bench.percentile(data, 90) == pytest.approx(statistics.quantiles(data, n=10, method="inclusive")[-1])
    with pytest.raises(ValueError):
        bench.percentile(data, 101)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A snapshot of the real catalogue and a 60-record synthetic catalogue made from it, built."""
    root = tmp_path_factory.mktemp("bench")
    real = root / "real"
    bench.snapshot_catalogue(REAL_CATALOGUE, real)
    cat_dir = root / "synthetic"
    bench.make_synthetic(real, cat_dir, 60)
    result = build.build(cat_dir, root / "instance")
    store = Store(result.path)
    yield real, cat_dir, store
    store.close()


def test_synthetic_catalogue_is_valid_and_spread(synthetic):
    real, cat_dir, store = synthetic
    cat, problems = validation.load(cat_dir)
    assert problems == []
    assert len(cat.records) == 60
    assert all(bench.re.fullmatch(r".+-s\d+", rid) for rid in cat.records)
    titles = [r["title"] for r in cat.records.values()]
    assert len(set(titles)) == len(titles)
    sectors = {s for r in cat.records.values() for s in r["sectors"]}
    groups = {g for r in cat.records.values() for g in r["target_groups"]}
    chains = {r["chain_category"] for r in cat.records.values()}
    assert len(sectors) >= 5 and len(groups) >= 5 and len(chains) >= 3
    for name in ("vocabularies", "organisaties", "synonyms.yaml"):
        assert (cat_dir / name).exists()


def test_fts_reference_counts_equal_ours_for_filter_only_queries(synthetic, tmp_path):
    real, _, store = synthetic
    assert set(bench.SQL_FACETS) == {f.param for f in FACETS}
    ref = bench.FtsReference(store.path / build.DB_NAME, tmp_path / "ref.db")
    try:
        queries = [q for q in bench.query_mix(real) if not q.get("q")]
        assert len(queries) >= 6
        for q in queries:
            ours = search.search(store, search.parse_args(MultiDict(q.params), store))
            theirs = ref.search(q.params)
            assert theirs["total"] == ours.total, q.label
            assert theirs["pages"] == ours.pages, q.label
            assert len(theirs["ids"]) == len(ours.hits), q.label
            for facet in ours.facets:
                counts = {v.id: v.count for v in facet.values if v.count}
                assert theirs["facets"][facet.facet.param] == counts, (q.label, facet.facet.param)
        # A text query runs (its totals differ: FTS5's tokenizer does not stem Dutch).
        assert ref.search([("q", "scan"), ("sorteer", "titel")])["total"] >= 0
        assert bench.FtsReference.match_expression('werk"druk zorg') == '"werk" "druk" "zorg"'
    finally:
        ref.close()


def test_datasette_path_is_the_equivalent_query():
    q = bench.Query("x", [("q", "werkdruk"), ("thema", "veilig-gezond-vitaal"), ("keten", "B")])
    path = bench.datasette_path(q, "abc")
    assert path.startswith("/catalogue/interventions.json?")
    for part in ("_search=werkdruk", "themes__arraycontains=veilig-gezond-vitaal", "chain_category__exact=B",
                 "_next=abc", "_facet_array=sectors", "_facet=chain_category", "_size=20"):
        assert part in path
    assert "_sort=title" not in path  # a text query sorts by relevance, as ours
    assert "_sort=title" in bench.datasette_path(bench.Query("leeg", []))


def test_load_generator_is_bounded_and_counts(synthetic):
    _, cat_dir, store = synthetic
    from app import create_app

    app = create_app({"INSTANCE": str(store.path.parent.parent), "CATALOGUE": str(cat_dir), "BUILD_ON_START": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        paths = ["/api/v1/interventies", "/api/v1/interventies?keten=B", "/bestaat-niet"]
        result = bench.load_test("test", server.server_port, paths, duration=0.5, concurrency=2)
    finally:
        server.shutdown()
        thread.join(5)
    assert result.requests > 3
    assert result.statuses.get(200, 0) == len(result.latencies) > 0
    assert result.errors == result.statuses.get(404, 0) > 0
    assert 0.4 < result.seconds < 5
    assert result.rps > 0
