"""The editors' report on a mini catalogue."""
import datetime as dt

import pytest

from kb import report, validation
from tests.conftest import VALID_RECORD

TODAY = dt.date(2027, 11, 1)


def _variant(rid, **replace):
    text = VALID_RECORD.format(id=rid, title=rid.replace("-", " ").capitalize())
    for old, new in replace.items():
        old = old.replace("_", " ") if old.startswith("_") else old
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture()
def catalogue(mini):
    # goede-scan (from MiniCatalogue): reviewed 2026-11-24, links, organisation, chain category from the source.
    mini.record("oude-scan", _variant("oude-scan", **{"last_reviewed: 2026-11-24": "last_reviewed: 2025-01-31"}))
    mini.record("nooit-gecontroleerd", _variant("nooit-gecontroleerd", **{"last_reviewed: 2026-11-24\n": ""}))
    mini.record("zonder-links", _variant("zonder-links", **{
        "links:\n  - url: https://www.example.nl/\n    label: Website\n": ""}))
    mini.record("zonder-organisatie", _variant("zonder-organisatie", **{"organisations: [test-org]\n": ""}))
    mini.record("redactie-keten", _variant("redactie-keten", **{
        "chain_category_origin: bron": "chain_category_origin: redactie", "chain_category: B": "chain_category: D"}))
    cat, problems = validation.load(mini.root)
    assert problems == []
    return cat


def _ids(entries):
    return [e["id"] for e in entries]


def test_report_lists(catalogue):
    rep = report.report(catalogue.records, TODAY)
    assert rep["records"] == 6
    assert _ids(rep["due_for_review"]) == ["nooit-gecontroleerd", "oude-scan"]
    assert rep["due_for_review"][0]["last_reviewed"] is None
    assert rep["due_for_review"][1] == {"id": "oude-scan", "title": "Oude scan", "path": "interventies/oude-scan.yaml",
                                        "last_reviewed": "2025-01-31", "age_days": (TODAY - dt.date(2025, 1, 31)).days}
    assert _ids(rep["without_links"]) == ["zonder-links"]
    assert _ids(rep["without_organisation"]) == ["zonder-organisatie"]
    assert _ids(rep["editorial_chain_category"]) == ["redactie-keten"]
    assert rep["editorial_chain_category"][0]["chain_category"] == "D"
    assert rep["counts"] == {"due_for_review": 2, "without_links": 1, "without_organisation": 1,
                             "editorial_chain_category": 1}


def test_max_age_is_a_boundary(catalogue):
    age = (TODAY - dt.date(2026, 11, 24)).days  # the other records
    assert "goede-scan" not in _ids(report.report(catalogue.records, TODAY, max_age_days=age)["due_for_review"])
    assert "goede-scan" in _ids(report.report(catalogue.records, TODAY, max_age_days=age - 1)["due_for_review"])
    # A date as text works too.
    assert report.report(catalogue.records, "2026-11-24", max_age_days=0)["due_for_review"][0]["id"] == "nooit-gecontroleerd"


def test_oldest_review_comes_first(mini):
    for rid, date in (("b-middel", "2024-06-01"), ("a-recent", "2025-06-01"), ("c-oudst", "2023-01-01")):
        mini.record(rid, _variant(rid, **{"last_reviewed: 2026-11-24": f"last_reviewed: {date}"}))
    cat = validation.load(mini.root)[0]
    assert _ids(report.report(cat.records, TODAY)["due_for_review"]) == ["c-oudst", "b-middel", "a-recent"]


def test_bad_today_is_refused(catalogue):
    with pytest.raises(ValueError):
        report.report(catalogue.records, "morgen")


def test_format_text_in_dutch(catalogue):
    text = report.format_text(report.report(catalogue.records, TODAY))
    assert text.startswith("Redactierapport van 2027-11-01 (6 interventies)")
    assert "Toe aan controle: 2 (de laatste inhoudelijke controle (last_reviewed) is ouder dan 365 dagen" in text
    assert "  - nooit-gecontroleerd (interventies/nooit-gecontroleerd.yaml): nooit gecontroleerd" in text
    assert f"laatst gecontroleerd op 2025-01-31, {(TODAY - dt.date(2025, 1, 31)).days} dagen geleden" in text
    assert "Zonder links: 1" in text and "Zonder organisatie: 1" in text
    assert "  - redactie-keten (interventies/redactie-keten.yaml): categorie D" in text


def test_format_text_empty_lists(mini):
    cat = validation.load(mini.root)[0]
    text = report.format_text(report.report(cat.records, dt.date(2026, 11, 24)))
    assert text.count("  geen") == 4


def test_command_prints_text_or_json(catalogue, mini):
    import json

    lines = []
    assert report.command(mini.root, today=TODAY, out=lines.append) == 0
    assert lines[0].startswith("Redactierapport van 2027-11-01")
    lines.clear()
    assert report.command(mini.root, today=TODAY, json_output=True, out=lines.append) == 0
    assert json.loads(lines[0])["counts"]["due_for_review"] == 2
