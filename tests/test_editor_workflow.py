"""An editor's path from `kb new` to the site, and the site's ways back into the repository."""
import json
import re
from urllib.parse import urlencode

from kb import build, report
from kb.cli import main
from kb.repository import Repository


def _new(mini, *extra):
    return main(["--catalogue", str(mini.root), "new", "--title", "Werkdrukscan voor teams",
                 "--summary", "Een korte scan die laat zien waar een team werkdruk ervaart.",
                 "--description", "Een scan voor teams in de zorg.", "--theme", "veilig-gezond-vitaal",
                 "--subtheme", "werkdruk", "--chain", "B", "--chain-origin", "redactie", "--type", "scan",
                 "--sector", "zorg-en-welzijn", "--target-group", "werkgevers",
                 "--source", "quickscan:2.5:Interventies op werkdruk: Tests", *extra])


def test_kb_new_from_the_command_line_gives_a_record_on_the_site(mini, tmp_path, capsys):
    assert _new(mini) == 0
    path = mini.root / "interventies" / "werkdrukscan-voor-teams.yaml"
    assert path.exists()
    assert main(["--catalogue", str(mini.root), "validate"]) == 0
    # The same title again is refused, and the file stays as it was.
    before = path.read_text(encoding="utf-8")
    assert _new(mini) == 1
    assert "bestaat al" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before

    from app import create_app

    instance = tmp_path / "instance"
    build.build(mini.root, instance)
    app = create_app({"TESTING": True, "INSTANCE": str(instance), "CATALOGUE": str(mini.root),
                      "REPOSITORY_URL": "https://git.example.org/redactie/kennisbank/"})
    html = app.test_client().get("/interventies/werkdrukscan-voor-teams").get_data(as_text=True)
    assert "<h1 itemprop=\"name\">Werkdrukscan voor teams</h1>" in html
    assert ('href="https://git.example.org/redactie/kennisbank/edit/main/catalogue/interventies/'
            'werkdrukscan-voor-teams.yaml">Wijzig deze pagina</a>') in html
    assert "Interventies op werkdruk: Tests" in html


def test_kb_new_refuses_values_outside_the_vocabularies(mini, capsys):
    assert _new(mini, "--sector", "zorg") == 1
    err = capsys.readouterr().err
    assert "'zorg' in 'sectors' is onbekend" in err
    assert not (mini.root / "interventies" / "werkdrukscan-voor-teams.yaml").exists()


def test_record_page_links_to_its_file_and_to_an_error_report(client, store):
    rec = next(iter(store.records.values()))
    html = client.get(f"/interventies/{rec['id']}").get_data(as_text=True)
    repo = Repository()
    assert f'href="{repo.edit_url(rec["path"])}">Wijzig deze pagina</a>' in html
    assert repo.edit_url(rec["path"]).endswith(f"/edit/main/catalogue/interventies/{rec['id']}.yaml")
    report_link = re.search(r'href="([^"]+)">Fout melden</a>', html).group(1)
    assert "template=fout-melden.yml" in report_link and "title=Fout" in report_link


def test_every_page_offers_to_propose_an_intervention(client):
    for path in ("/", "/interventies?q=zzzzqqq", "/redactie"):
        html = client.get(path).get_data(as_text=True)
        assert f'href="{Repository().propose_url().replace("&", "&amp;")}">' in html, path
    assert Repository().propose_url().endswith("/issues/new?template=nieuwe-interventie.yml")


def test_repository_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("KB_REPOSITORY_URL", "https://example.org/fork/")
    monkeypatch.setenv("KB_REPOSITORY_BRANCH", "redactie")
    repo = Repository.from_config({})
    assert repo.edit_url("interventies/a b.yaml") == "https://example.org/fork/edit/redactie/catalogue/interventies/a%20b.yaml"
    # The app config wins over the environment.
    assert Repository.from_config({"REPOSITORY_URL": "https://other.example/x"}).url == "https://other.example/x"


def test_editors_page_shows_the_report_of_the_build(client, store):
    import datetime as dt

    html = client.get("/redactie").get_data(as_text=True)
    rep = report.report(store.records, dt.date.today(), 365)
    for key, heading, _ in report.SECTIONS:
        assert f'<h2 id="h-{key}">{heading} <span class="count">{len(rep[key])}</span></h2>' in html
    # Every record whose chain category the editors chose is listed, with an edit link.
    for e in rep["editorial_chain_category"][:5]:
        assert f'href="/interventies/{e["id"]}"' in html
        assert Repository().edit_url(e["path"]) in html


def test_editors_page_age_is_configurable_and_never_fails(client, store):
    html = client.get("/redactie?" + urlencode({"dagen": 0})).get_data(as_text=True)
    # With a maximum age of 0 days, every record reviewed before today is due.
    import datetime as dt

    today = dt.date.today().isoformat()
    due = sum(1 for r in store.records.values() if (r.get("last_reviewed") or "") < today)
    assert f'<h2 id="h-due_for_review">Toe aan controle <span class="count">{due}</span></h2>' in html
    for odd in ("abc", "-5", "9" * 5000, "", "1e9"):
        assert client.get("/redactie?" + urlencode({"dagen": odd})).status_code == 200


def test_report_and_check_links_on_the_command_line(mini, capsys):
    assert main(["--catalogue", str(mini.root), "report", "--json", "--max-age", "0"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["max_age_days"] == 0 and rep["records"] == 1
    # The only link in the mini catalogue is https://www.example.nl/: with no network it cannot be
    # reached, which the checker reports as a problem (exit 1) in JSON, without hanging.
    assert main(["--catalogue", str(mini.root), "check-links", "--json", "--timeout", "0.5", "--retries", "0"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["url"] == "https://www.example.nl/" and rows[0]["status"] in ("error", "broken")
