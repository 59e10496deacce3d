"""The searches the content issues name find the right records in the real catalogue, near the
top, with facet counts that follow the query."""
import pytest

from kb import search

EXPECTED = {  # query -> records that must be in the top n
    "tillen": (["tilthermometer", "coach-fysiek-werk"], 3),
    "gevaarlijke stoffen": (["wegwijzer-gevaarlijke-stoffen", "werkwijzer-veilig-omgaan-met-gevaarlijke-stoffen"], 3),
    "werkdruk": (["wegwijzer-werkdruk"], 3),
    "pesten": (["wegwijzer-pesten", "roadmap-aanpak-pesten-ondernemingsraden"], 3),
    "burn-out": (["brochure-99-oplossingen-tegen-werkstress", "toolbox-werkstress-volandis"], 5),
    "mindfulness": (["mindfulness-vereniging-voor-mindfulness", "mindful-werken-sbi-formaat"], 3),
    "roosteren": (["workshop-gezond-roosteren-ploegendienst", "programma-zelfroosteren-schiphol"], 3),
    "pulse meting": (["2daysmood", "peakon", "peachy-mondays"], 5),
    "loopbaangesprek": (["loopbaan-op-peil"], 3),
    "ontwikkelbudget": (["individueel-ontwikkelbudget-detailhandel", "leerrekening-bouw-en-infra"], 5),
    "skills paspoort": (["digitaal-skills-paspoort", "skillspaspoort-house-of-skills"], 3),
    "scholingsvoucher": (["scholingsvouchers-metaal-en-techniek", "scholingsvouchers-uitzendbranche"], 5),
    "loopbaanscan": (["7-dimensies-scan", "nationale-loopbaan-apk"], 5),
    "EVC": (["evc-erkenning-verworven-competenties"], 1),
    "omscholen naar de zorg": (["transferpunt-zorg-en-welzijn", "nationale-zorgklas", "actiz-klm-arrangement"], 3),
    "leercultuur": (["leercultuur-stalen-dak-en-gevelbekleding", "tno-model-lerende-en-innoverende-organisatie"], 5),
}


@pytest.mark.parametrize("q", EXPECTED)
def test_named_searches_find_the_right_records(store, q):
    wanted, top = EXPECTED[q]
    result = search.search(store, search.SearchQuery(q=q), per_page=10)
    found = [h.record["id"] for h in result.hits][:top]
    assert set(wanted) <= set(found), f"{q}: {found}"
    # The facet counts are those of this result, not of the whole catalogue.
    themes = next(f for f in result.facets if f.facet.param == "thema")
    assert themes.values and all(0 < v.count <= result.total for v in themes.values)
    assert result.total < len(store.records)


def test_bouw_en_infra_shows_the_sector_plan_beside_the_quickscan(store):
    from werkzeug.datastructures import MultiDict

    result = search.search(store, search.parse_args(MultiDict([("sector", "bouw-en-infra")]), store), all_results=True)
    documents = {c["document"] for h in result.hits for c in h.record["sources"]}
    assert {"bouw-infra-2022", "quickscan"} <= documents
    sources = next(f for f in result.facets if f.facet.param == "bron")
    counts = {v.id: v.count for v in sources.values}
    assert counts["bouw-infra-2022"] >= 16 and counts["quickscan"] >= 5
