"""Facets: OR within a facet, AND across facets, counts that follow the query and the other filters."""
import pytest

from kb import search
from kb.facets import FACETS
from tests.conftest import VALID_RECORD


class Args(dict):
    """A minimal MultiDict for parse_args."""

    def getlist(self, key):
        v = self.get(key, [])
        return v if isinstance(v, list) else [v]

    def get(self, key, default=None):
        v = super().get(key, default)
        return v[0] if isinstance(v, list) and key in ("q", "sorteer", "pagina") else v


@pytest.fixture()
def mini_store(mini, tmp_path):
    from kb import build
    from kb.store import Store

    def rec(rid, title, sectors, chain, words):
        text = VALID_RECORD.format(id=rid, title=title)
        text = text.replace("sectors: [sectoroverstijgend]", f"sectors: [{sectors}]")
        text = text.replace("chain_category: B", f"chain_category: {chain}")
        text = text.replace("Een beschrijving van de interventie.", words)
        mini.record(rid, text)

    rec("til-zorg", "Tilhulp zorg", "zorg-en-welzijn", "C", "Hulp bij tillen van cliënten.")
    rec("til-bouw", "Tilhulp bouw", "bouw-en-infra", "C", "Hulp bij tillen van stenen.")
    rec("scan-bouw", "Scan bouw", "bouw-en-infra", "B", "Een scan van risico's op de bouwplaats.")
    rec("breed", "Breed", "zorg-en-welzijn, bouw-en-infra", "A", "Kennis over tillen voor iedereen.")
    return Store(build.build(mini.root, tmp_path / "inst").path)


def run(store, **params):
    args = Args({k: (v if isinstance(v, list) else [v]) for k, v in params.items()})
    return search.search(store, search.parse_args(args, store))


def counts(result, param):
    return {v.id: v.count for f in result.facets if f.facet.param == param for v in f.values}


def test_text_query_restricts_results_and_counts(mini_store):
    r = run(mini_store, q="tillen")
    assert {h.record["id"] for h in r.hits} == {"til-zorg", "til-bouw", "breed"}
    assert counts(r, "sector") == {"zorg-en-welzijn": 2, "bouw-en-infra": 2}
    assert counts(r, "keten") == {"C": 2, "A": 1}


def test_or_within_a_facet(mini_store):
    r = run(mini_store, keten=["B", "C"])
    assert {h.record["id"] for h in r.hits} == {"til-zorg", "til-bouw", "scan-bouw", "goede-scan"}


def test_and_across_facets(mini_store):
    r = run(mini_store, keten="C", sector="bouw-en-infra")
    assert [h.record["id"] for h in r.hits] == ["til-bouw"]


def test_counts_of_a_facet_ignore_its_own_selection(mini_store):
    r = run(mini_store, sector="bouw-en-infra")
    # Other sector values still show what selecting them would add.
    assert counts(r, "sector") == {"bouw-en-infra": 3, "zorg-en-welzijn": 2, "sectoroverstijgend": 1}
    # Other facets count within the selection.
    assert counts(r, "keten") == {"A": 1, "B": 1, "C": 1}


def test_selected_value_toggles_off(mini_store):
    r = run(mini_store, sector="bouw-en-infra")
    sector = next(f for f in r.facets if f.facet.param == "sector")
    chosen = next(v for v in sector.values if v.id == "bouw-en-infra")
    assert chosen.selected and "sector=" not in chosen.url
    other = next(v for v in sector.values if v.id == "zorg-en-welzijn")
    assert "sector=bouw-en-infra" in other.url and "sector=zorg-en-welzijn" in other.url


def test_unknown_filter_values_are_ignored_with_a_notice(mini_store):
    r = run(mini_store, sector="maan", q="tillen")
    assert r.total == 3
    assert any("maan" in n for n in r.query.notices)


def test_no_match_for_all_words_falls_back_to_some_words(mini_store):
    r = run(mini_store, q="tillen raket")
    assert r.relaxed and r.total == 3


def test_page_beyond_the_end_shows_last_page(mini_store):
    r = run(mini_store, pagina="999999999999")
    assert r.page == 1 and r.total == 5
    assert any("bestaat niet" in n for n in r.query.notices)


def test_sorting(mini_store):
    r = run(mini_store, sorteer="titel")
    titles = [h.record["title"] for h in r.hits]
    assert titles == sorted(titles, key=str.lower)


def test_every_facet_is_defined_once():
    params = [f.param for f in FACETS]
    assert len(params) == len(set(params))
