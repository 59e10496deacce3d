"""Tools for sector funds: the coverage matrix, the werkmap and comparing interventions."""
import csv
import io
import re
from urllib.parse import urlencode

from kb import coverage


def test_matrix_cells_count_and_open_exactly_their_records(client, store):
    records = list(store.records.values())
    m = coverage.theme_by_chain(store, records, {})
    for theme, cells, total in m.rows:
        assert total == sum(theme["id"] in r["themes"] for r in records)
        for chain, cell in zip(m.columns, cells):
            expected = sum(theme["id"] in r["themes"] and r["chain_category"] == chain["id"] for r in records)
            assert cell.count == expected
            if cell.count:
                data = client.get("/api/v1/interventies?" + urlencode(cell.filters, doseq=True)).get_json()
                assert data["total"] == cell.count


def test_coverage_page_for_a_sector(client, store):
    sector = next(iter(store.sectors.terms))
    html = client.get(f"/dekking?sector={sector}").get_data(as_text=True)
    assert "<table class=\"matrix\">" in html and "Thema × implementatieketen" in html
    assert "Sector × thema" in html
    assert html.count("<th scope=\"row\">") >= len(store.themes.terms) + len(store.sectors.terms)


def test_sector_and_theme_pages_show_a_matrix(client, store):
    sid = next(iter(store.sectors.terms))
    tid = next(iter(store.themes.terms))
    for url in (f"/sectoren/{sid}", f"/themas/{tid}"):
        html = client.get(url).get_data(as_text=True)
        assert 'class="matrix"' in html or "nog geen interventies" in html


def test_werkmap_from_url_grouped_with_notes(client, store):
    ids = list(store.records)[:5]
    params = [("id", i) for i in ids] + [("id", "bestaat-niet"), (f"notitie-{ids[0]}", "Past bij ons plan")]
    html = client.get("/werkmap?" + urlencode(params)).get_data(as_text=True)
    assert f"<strong>{len(ids)}</strong>" in html
    assert "Past bij ons plan" in html
    assert "bestaat-niet" in html and "weggelaten" in html
    # grouped by chain category headings in chain order
    letters = re.findall(r'<h2 id="keten-([A-D])">', html)
    assert letters == sorted(letters)
    # remove link drops exactly one item
    remove = re.search(r'href="(/werkmap\?[^"]+)" data-werkmap-remove="' + re.escape(ids[1]) + '"', html).group(1)
    assert f"id={ids[1]}&" not in remove.replace("&amp;", "&") + "&"
    after = client.get(remove.replace("&amp;", "&")).get_data(as_text=True)
    assert f"<strong>{len(ids) - 1}</strong>" in after


def test_werkmap_exports(client, store):
    ids = list(store.records)[:3]
    params = urlencode([("id", i) for i in ids] + [(f"notitie-{ids[0]}", "=SOM(1)")])
    rows = list(csv.reader(io.StringIO(client.get("/werkmap.csv?" + params).get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 4 and rows[0][2] == "titel"
    assert any(r[4] == "'=SOM(1)" for r in rows[1:])
    md = client.get("/werkmap.md?" + params).get_data(as_text=True)
    assert md.startswith("# Werkmap") and all(store.records[i]["title"].split()[0] in md for i in ids)


def test_compare_two_to_four(client, store):
    ids = list(store.records)[:5]
    html = client.get("/vergelijk?" + urlencode([("id", i) for i in ids[:2]])).get_data(as_text=True)
    assert html.count('<th scope="col">') == 2 and "Implementatieketen" in html and "Doelgroepen" in html
    many = client.get("/vergelijk?" + urlencode([("id", i) for i in ids])).get_data(as_text=True)
    assert "hoogstens vier" in many
    one = client.get("/vergelijk?id=" + ids[0]).get_data(as_text=True)
    assert "minstens twee" in one


def test_home_charts_have_tables(client):
    html = client.get("/").get_data(as_text=True)
    assert "De catalogus in cijfers" in html
    assert html.count('<table class="bars">') >= 2
