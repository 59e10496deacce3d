"""The web pages: every page renders in Dutch, filters work through the URL, bad input never gives a 5xx."""
import re

import pytest

PAGES = ["/", "/interventies", "/themas", "/sectoren", "/kennisbank", "/bronnen", "/over", "/toegankelijkheid"]


@pytest.mark.parametrize("url", PAGES)
def test_main_pages_render(client, url):
    r = client.get(url)
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert '<main id="inhoud"' in html and 'href="#inhoud"' in html


def test_every_record_theme_sector_source_and_page_renders(client, store):
    for rid in store.records:
        assert client.get(f"/interventies/{rid}").status_code == 200, rid
    for tid in store.themes.terms:
        assert client.get(f"/themas/{tid}").status_code == 200
    for sid in store.sectors.terms:
        assert client.get(f"/sectoren/{sid}").status_code == 200
    for did in store.sources.terms:
        assert client.get(f"/bronnen/{did}").status_code == 200
    for pid in store.pages:
        assert client.get(f"/kennisbank/{pid}").status_code == 200


def test_record_page_shows_what_a_reader_needs(client, store):
    rec = next(r for r in store.records.values() if r["links"] and r["organisations"])
    html = client.get(f"/interventies/{rec['id']}").get_data(as_text=True)
    assert f">{rec['title']}</h1>" in html.replace("&#39;", "'").replace("&amp;", "&")
    assert rec["links"][0]["url"] in html
    assert store.organisations.label(rec["organisations"][0]).replace("&", "&amp;") in html
    assert "Bron" in html and store.sources.get(rec["sources"][0]["document"])["short"].replace("&", "&amp;") in html
    # tags link to the filtered list
    assert f'href="/interventies?thema={rec["themes"][0]}"' in html


def test_results_page_shows_count_facets_and_active_filters(client, store):
    theme = next(iter(store.themes.terms))
    html = client.get(f"/interventies?thema={theme}").get_data(as_text=True)
    assert 'role="status"' in html
    assert "Actieve filters" in html and "Alle filters weghalen" in html
    n = sum(1 for r in store.records.values() if theme in r["themes"])
    assert re.search(rf"<strong>{n}</strong> interventie", html)


def test_no_results_page_helps(client):
    html = client.get("/interventies?q=qqqxxyyzz").get_data(as_text=True)
    assert "Geen interventies gevonden" in html and "Wat nu?" in html


def test_query_is_reflected_safely(client):
    html = client.get('/interventies?q=<script>alert(1)</script>').get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_unknown_record_gives_dutch_404(client):
    r = client.get("/interventies/bestaat-niet")
    assert r.status_code == 404
    assert "Pagina niet gevonden" in r.get_data(as_text=True)


def test_wrong_method_gives_405(client):
    assert client.post("/interventies").status_code == 405


BAD_INPUT = [
    "/interventies?q=%22", "/interventies?q=((((", "/interventies?q=*", "/interventies?q=a*", "/interventies?q=" + "x" * 10000,
    "/interventies?q=title:tillen", "/interventies?q=%00", "/interventies?q=NOT", "/interventies?q=AND+OR",
    "/interventies?pagina=-5", "/interventies?pagina=abc", "/interventies?pagina=99999999999999999999",
    "/interventies?pagina=1e9", "/interventies?sorteer=xyz", "/interventies?thema=bestaat-niet",
    "/interventies?" + "&".join(["sector=bouw-en-infra"] * 500), "/interventies?keten=Z&keten=A",
    "/interventies?sector=%3Cscript%3E", "/interventies?q=%F0%9F%98%80", "/interventies?q=%ff%fe",
    "/interventies/%3Cscript%3E", "/interventies/..%2F..%2Fetc%2Fpasswd", "/themas/nee", "/sectoren/nee",
    "/kennisbank/nee", "/bronnen/nee", "/api/v1/interventies?q=((", "/api/v1/interventies?pagina=-1",
    "/api/v1/interventies/nee", "/interventies.csv?q=%22", "/interventies.csv?thema=nee",
    "/api/v1/interventies?" + "&".join(f"doelgroep=x{i}" for i in range(300)),
]


@pytest.mark.parametrize("url", BAD_INPUT)
def test_bad_input_never_gives_a_server_error(client, url):
    r = client.get(url)
    assert r.status_code < 500, url
    assert r.status_code in (200, 404)


def test_long_facets_show_the_top_values_and_expand_without_javascript(client, store):
    from kb import search

    html = client.get("/interventies").get_data(as_text=True)
    block = html.split('id="f-organisatie"', 1)[1].split("</details>", 1)[0]
    assert block.count("<li>") == search.FACET_LIMIT
    more = re.search(r'<a href="([^"]+)">Toon alle (\d+)', block)
    total = len({o for r in store.records.values() for o in r["organisations"]})
    assert int(more.group(2)) == total
    assert "alle=organisatie" in more.group(1)
    expanded = client.get(more.group(1).replace("&amp;", "&")).get_data(as_text=True)
    block = expanded.split('id="f-organisatie"', 1)[1].split("</details>", 1)[0]
    assert block.count("<li>") == total and "Toon minder" in block
    # A selected value beyond the top stays visible, and the choice to expand survives a filter.
    rare = min(store.organisations.terms, key=lambda o: sum(o in r["organisations"] for r in store.records.values()) or 99)
    html = client.get(f"/interventies?organisatie={rare}").get_data(as_text=True)
    assert f"organisatie={rare}" in html and 'aria-current="true"' in html
    kept = client.get("/interventies?alle=organisatie&keten=B").get_data(as_text=True)
    assert "alle=organisatie" in kept.split('id="f-sector"', 1)[1].split("</details>", 1)[0]


def test_api_gives_every_facet_value(client, store):
    data = client.get("/api/v1/interventies").get_json()
    total = len({o for r in store.records.values() for o in r["organisations"]})
    assert len(data["facets"]["organisatie"]) == total
