"""The JSON API and the CSV download give the same results as the HTML page."""
import csv
import io


def test_api_search_matches_html_count(client, store):
    theme = next(iter(store.themes.terms))
    data = client.get(f"/api/v1/interventies?thema={theme}").get_json()
    n = sum(1 for r in store.records.values() if theme in r["themes"])
    assert data["total"] == n
    first = data["results"][0]
    assert {"id", "title", "summary", "url", "themes", "sectors", "chain_category"} <= set(first)
    assert first["url"].endswith(f"/interventies/{first['id']}")
    assert any(v["id"] == theme and v["selected"] for v in data["facets"]["thema"])


def test_api_single_record(client, store):
    rid = next(iter(store.records))
    data = client.get(f"/api/v1/interventies/{rid}").get_json()
    assert data["id"] == rid and data["description"] and data["sources"][0]["citation"]


def test_api_unknown_record_is_json_404(client):
    r = client.get("/api/v1/interventies/bestaat-niet")
    assert r.status_code == 404 and r.get_json()["error"] == "niet gevonden"


def test_csv_has_every_result_and_safe_cells(client, store):
    r = client.get("/interventies.csv")
    assert r.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "id"
    assert len(rows) - 1 == len(store.records)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")), cell


def test_csv_cells_that_look_like_formulas_are_neutralised():
    from kb.export import safe_cell

    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert safe_cell("-1+2") == "'-1+2"
    assert safe_cell("gewoon") == "gewoon"
