"""Injected content is neutralised everywhere; headers protect the visitor; no cookies."""
import csv
import io
import json

from html.parser import HTMLParser

import pytest

from tests.conftest import VALID_RECORD

PAYLOADS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">klik</a>",
    "[klik](javascript:alert(1))",
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    "\"><svg onload=alert(1)>",
]


@pytest.fixture()
def hostile_client(mini, tmp_path):
    from app import create_app

    description = "Tekst.\n\n" + "\n\n".join(PAYLOADS)
    text = VALID_RECORD.format(id="hostile", title="Titel <script>alert(1)</script>")
    text = text.replace("Een korte samenvatting van de interventie in eigen woorden.",
                        "'=HYPERLINK(\"http://evil.example\") <b onmouseover=alert(1)>x</b>'")
    text = text.replace("description: |\n  Een beschrijving van de interventie. Zij helpt werkgevers om risico's te zien.\n",
                        "description: |\n" + "".join(f"  {line}\n" for line in description.splitlines()))
    text = text.replace("    label: Website", "    label: \"<script>alert(2)</script>\"")
    text = text.replace("keywords", "keywords")
    mini.record("hostile", text)
    mini.write("kennisbank/gids.md", "---\ntitle: Gids <script>x</script>\nsummary: s\nsources:\n  - {document: quickscan, "
                                     "section: '2.4'}\n---\n" + "\n\n".join(PAYLOADS) + "\n")
    app = create_app({"TESTING": True, "INSTANCE": str(tmp_path / "inst"), "CATALOGUE": str(mini.root)})
    return app.test_client()


class _Elements(HTMLParser):
    """Collects what a browser would treat as markup: tags and attributes, not escaped text."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_neutral(html: str):
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag not in ("iframe", "style", "object", "embed"), tag
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for key in ("href", "src", "action"):
            assert not (attrs.get(key) or "").strip().lower().startswith("javascript:"), (tag, attrs)


@pytest.mark.parametrize("url", ["/", "/interventies", "/interventies?q=titel", "/interventies/hostile",
                                 "/themas/veilig-gezond-vitaal", "/sectoren/sectoroverstijgend", "/kennisbank",
                                 "/kennisbank/gids", "/bronnen/quickscan", "/interventies/goede-scan", "/redactie",
                                 "/dekking", "/werkmap?id=hostile&id=goede-scan&notitie-hostile=%3Cscript%3Ex%3C/script%3E",
                                 "/vergelijk?id=hostile&id=goede-scan", "/interventies?q=%3Cscript%3E&alle=organisatie"])
def test_pages_neutralise_injected_content(hostile_client, url):
    r = hostile_client.get(url)
    assert r.status_code == 200
    assert_neutral(r.get_data(as_text=True))


def test_json_is_data_not_markup(hostile_client):
    r = hostile_client.get("/api/v1/interventies/hostile")
    assert r.mimetype == "application/json"
    data = json.loads(r.get_data(as_text=True))
    assert data["title"].startswith("Titel <script>")  # kept as data; a client escapes it


def test_csv_neutralises_formulas(hostile_client):
    body = hostile_client.get("/interventies.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body)))
    hostile = next(r for r in rows if r["id"] == "hostile")
    assert not hostile["samenvatting"].startswith("=")
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@"))


def test_security_headers(client):
    r = client.get("/")
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"]
    assert "Set-Cookie" not in r.headers


def test_no_inline_script_or_style_in_pages(client, store):
    rec = next(iter(store.records))
    for url in ["/", "/interventies", f"/interventies/{rec}", "/themas/veilig-gezond-vitaal", "/sectoren"]:
        html = client.get(url).get_data(as_text=True)
        assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_head_and_wrong_methods(client):
    head = client.head("/interventies")
    assert head.status_code == 200 and head.data == b""
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/interventies").status_code == 405
        assert getattr(client, method)("/api/v1/interventies").status_code == 405
