"""Open data: the OpenAPI description matches the running API, exports round-trip, feeds are Atom."""
import csv
import io
import json
import sqlite3
from xml.etree import ElementTree as ET

import pytest
from jsonschema import Draft202012Validator

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/api/v1/openapi.json").get_json()


def validate(spec, schema, instance):
    root = {"$schema": "https://json-schema.org/draft/2020-12/schema", "components": spec["components"], **schema}
    errors = sorted(Draft202012Validator(root).iter_errors(instance), key=lambda e: e.path)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def response_schema(spec, path, status="200"):
    return spec["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]


def test_openapi_is_well_formed(spec):
    assert spec["openapi"].startswith("3.1")
    for path, item in spec["paths"].items():
        assert item["get"]["responses"]
    names = {p["name"] for p in spec["paths"]["/api/v1/interventies"]["get"]["parameters"]}
    from kb.facets import FACETS
    assert {"q", "sorteer", "pagina"} | {f.param for f in FACETS} == names


@pytest.mark.parametrize("url", ["/api/v1/interventies", "/api/v1/interventies?q=werk", "/api/v1/interventies?pagina=2",
                                 "/api/v1/interventies?keten=A&keten=B&sorteer=titel", "/api/v1/interventies?q=((("])
def test_search_answers_match_the_description(client, spec, url):
    validate(spec, response_schema(spec, "/api/v1/interventies"), client.get(url).get_json())


def test_every_record_answer_matches_the_description(client, spec, store):
    schema = response_schema(spec, "/api/v1/interventies/{id}")
    for rid in list(store.records)[:200]:
        validate(spec, schema, client.get(f"/api/v1/interventies/{rid}").get_json())
    validate(spec, response_schema(spec, "/api/v1/interventies/{id}", "404"),
             client.get("/api/v1/interventies/bestaat-niet").get_json())


def test_other_endpoints_match_the_description(client, spec):
    validate(spec, response_schema(spec, "/api/v1/vocabulaires"), client.get("/api/v1/vocabulaires").get_json())
    validate(spec, response_schema(spec, "/api/v1/facetten"), client.get("/api/v1/facetten?keten=A").get_json())
    validate(spec, response_schema(spec, "/api/v1/suggesties"), client.get("/api/v1/suggesties?q=werk").get_json())


def test_api_parameters_declared_enums_are_what_the_api_accepts(client, spec, store):
    params = {p["name"]: p for p in spec["paths"]["/api/v1/interventies"]["get"]["parameters"]}
    for value in params["sector"]["schema"]["items"]["enum"][:5]:
        data = client.get(f"/api/v1/interventies?sector={value}").get_json()
        assert not data["notices"]


def test_json_export_round_trips_through_validation(client, tmp_path, store):
    """The export is the catalogue: written back as YAML files it validates and has every record."""
    import shutil

    import yaml

    from kb import validation
    from tests.conftest import REAL_CATALOGUE

    data = client.get("/export/interventies.json").get_json()
    assert data["count"] == len(store.records) == len(data["interventions"])
    root = tmp_path / "catalogue"
    shutil.copytree(REAL_CATALOGUE / "vocabularies", root / "vocabularies")
    if (REAL_CATALOGUE / "kennisbank").is_dir():
        shutil.copytree(REAL_CATALOGUE / "kennisbank", root / "kennisbank")
    (root / "interventies").mkdir()
    (root / "organisaties").mkdir()
    for org in data["organisations"]:
        org = {k: v for k, v in org.items() if v not in (None, [], "")}
        (root / "organisaties" / f"{org['id']}.yaml").write_text(yaml.safe_dump(org, allow_unicode=True))
    for rec in data["interventions"]:
        (root / "interventies" / f"{rec['id']}.yaml").write_text(yaml.safe_dump(rec, allow_unicode=True))
    cat, problems = validation.load(root)
    assert problems == [], [p.format(root) for p in problems[:5]]
    original, _ = validation.load(REAL_CATALOGUE)
    assert cat.records == {k: {**v, "path": cat.records[k]["path"]} for k, v in original.records.items()}


def test_csv_and_sqlite_exports(client, store, tmp_path):
    body = client.get("/export/interventies.csv").get_data(as_text=True).lstrip("\ufeff")
    assert len(list(csv.reader(io.StringIO(body)))) == len(store.records) + 1
    db_path = tmp_path / "c.db"
    db_path.write_bytes(client.get("/export/catalogus.db").data)
    assert sqlite3.connect(db_path).execute("select count(*) from interventions").fetchone()[0] == len(store.records)


@pytest.mark.parametrize("url", ["/feeds/interventies.atom", "/feeds/interventies.atom?thema=veilig-gezond-vitaal",
                                 "/feeds/interventies.atom?sector=sectoroverstijgend"])
def test_feeds_are_atom(client, url):
    r = client.get(url)
    assert r.mimetype == "application/atom+xml"
    feed = ET.fromstring(r.data)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None and feed.find(f"{ATOM}{required}").text
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
        assert len(entry.find(f"{ATOM}updated").text) == 20  # RFC 3339, UTC
        ids.append(entry.find(f"{ATOM}id").text)
    assert len(ids) == len(set(ids))


def test_sitemap_robots_and_canonical(client, store):
    sitemap = ET.fromstring(client.get("/sitemap.xml").data)
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) >= len(store.records)
    assert all(loc.startswith("http") for loc in locs)
    robots = client.get("/robots.txt").get_data(as_text=True)
    assert "Sitemap: http" in robots
    rid = next(iter(store.records))
    html = client.get(f"/interventies/{rid}?x=1").get_data(as_text=True)
    assert f'<link rel="canonical" href="http://localhost/interventies/{rid}">' in html
    assert 'itemtype="https://schema.org/CreativeWork"' in html


def test_api_docs_page(client):
    html = client.get("/api").get_data(as_text=True)
    assert "OpenAPI" in html and "/api/v1/interventies" in html
