"""The JSON Schema for editors: generated from kb/schema.py, agrees with `kb validate`."""
import copy
import datetime as dt
import json

import pytest
import yaml
from jsonschema import Draft202012Validator

from kb import jsonschema as kbschema
from kb import schema, validation
from tests.conftest import REAL_CATALOGUE, ROOT, VALID_RECORD


# The loader kb validate uses (libyaml when present): the two PyYAML parsers differ on a few plain
# scalars, such as a '?' inside a flow list.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _plain(value):
    """YAML dates as strings, as an editor's YAML extension sees them."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def real():
    return validation.load(REAL_CATALOGUE)


@pytest.fixture(scope="module")
def validator(real):
    generated = kbschema.record_json_schema(real[0])
    Draft202012Validator.check_schema(generated)
    return Draft202012Validator(generated, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(validator, record):
    return sorted(f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(record))


def test_schema_follows_the_record_fields(real):
    generated = kbschema.record_json_schema(real[0])
    assert generated["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert list(generated["properties"]) == schema.field_names(schema.RECORD_FIELDS)
    assert generated["required"] == [f.name for f in schema.RECORD_FIELDS if f.required]
    assert generated["additionalProperties"] is False
    for f in schema.RECORD_FIELDS:
        assert generated["properties"][f.name]["description"].startswith(f.help)


def test_enums_come_from_the_vocabularies(real):
    cat = real[0]
    defs = kbschema.record_json_schema(cat)["$defs"]
    for name in ("themes", "subthemes", "chain_categories", "chain_origins", "sectors", "target_groups",
                 "intervention_types", "evidence_levels", "sources"):
        assert defs[name]["enum"] == cat.vocab.by_name[name].ids(), name
        assert defs[name]["enumDescriptions"] == [t.label for t in cat.vocab.by_name[name]]
    assert defs["organisations"]["enum"] == sorted(cat.organisations)
    assert defs["pages"]["enum"] == sorted(cat.pages)


def test_every_valid_real_record_matches_the_schema(real, validator):
    cat, problems = real
    broken = {p.path.name for p in problems}
    checked = 0
    for path in sorted((REAL_CATALOGUE / "interventies").glob("*.yaml")):
        if path.name in broken:
            continue  # kb validate rejects it too; the schema may say so as well
        record = _plain(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER))
        assert _errors(validator, record) == [], path.name
        checked += 1
    assert checked >= 10, "te weinig geldige interventies om het schema aan te toetsen"


@pytest.fixture()
def good_record():
    return _plain(yaml.safe_load(VALID_RECORD.format(id="goede-scan", title="Goede scan")))


def test_mini_record_is_valid(validator, good_record):
    good_record.pop("organisations")  # test-org only exists in the mini catalogue
    assert _errors(validator, good_record) == []


@pytest.mark.parametrize("change, where", [
    (lambda r: r.pop("summary"), "summary"),
    (lambda r: r.update(themes=["onbekend-thema"]), "themes"),
    (lambda r: r.update(themes=[]), "themes"),
    (lambda r: r.update(chain_category="E"), "chain_category"),
    (lambda r: r.update(chain_category=["B"]), "chain_category"),
    (lambda r: r.update(intervention_type="scn"), "intervention_type"),
    (lambda r: r.update(sectors=["sectoroverstijgend", "sectoroverstijgend"]), "sectors"),
    (lambda r: r.update(title="x" * (schema.TITLE_MAX + 1)), "title"),
    (lambda r: r.update(summary="x" * (schema.SUMMARY_MAX + 1)), "summary"),
    (lambda r: r.update(id="Hoofd Letters"), "id"),
    (lambda r: r.update(onbekend_veld=1), ""),
    (lambda r: r.update(links=[{"url": "ftp://example.nl/", "label": "x"}]), "links"),
    (lambda r: r.update(links=[{"url": "https://www.example.nl/"}]), "links"),
    (lambda r: r.update(sources=[{"document": "quickscan", "section": "9.9"}]), "sources"),
    (lambda r: r.update(sources=[{"document": "quickscan"}]), "sources"),
    (lambda r: r.update(sources=[{"document": "geen-bron", "section": "1"}]), "sources"),
    (lambda r: r.update(evidence={"level": "goed-beschreven"}), "evidence"),
    (lambda r: r.update(added="24-11-2026"), "added"),
    (lambda r: r.update(subthemes=["werkdruk", "vitaliteit", "scholing-leren-ontwikkelen"]), ""),
])
def test_invalid_records_are_rejected(validator, good_record, change, where):
    good_record.pop("organisations")
    record = copy.deepcopy(good_record)
    change(record)
    errors = _errors(validator, record)
    assert errors, "het schema had deze fout moeten melden"
    if where:
        assert any(e.startswith(f"['{where}'") or f"'{where}'" in e for e in errors), errors


def test_evidence_with_basis_and_free_section_are_accepted(validator, good_record):
    good_record.pop("organisations")
    good_record["evidence"] = {"level": "goed-beschreven", "basis": "QuickScan 2.4"}
    good_record["sources"].append({"document": "bouw-infra-2022", "section": "Activiteit 4"})
    assert _errors(validator, good_record) == []


def test_write_creates_the_file_and_is_stable(tmp_path):
    target = tmp_path / "schema" / "interventie.schema.json"
    kbschema.write(REAL_CATALOGUE, target)
    first = target.read_text(encoding="utf-8")
    assert json.loads(first)["title"] == "Interventie"
    kbschema.write(REAL_CATALOGUE, target)
    assert target.read_text(encoding="utf-8") == first


def test_committed_schema_has_the_current_fields():
    """The file editors use (schema/interventie.schema.json) must follow kb/schema.py.

    Vocabulary values in it may lag behind (it is regenerated by the pre-commit hook); fields may not.
    Regenerate with: .venv/bin/python -m kb schema
    """
    committed = json.loads((ROOT / "schema" / "interventie.schema.json").read_text(encoding="utf-8"))
    assert list(committed["properties"]) == schema.field_names(schema.RECORD_FIELDS), \
        "schema/interventie.schema.json is verouderd: draai .venv/bin/python -m kb schema"
    assert committed["required"] == [f.name for f in schema.RECORD_FIELDS if f.required]


def test_unknown_field_kind_is_refused(monkeypatch, real):
    monkeypatch.setattr(schema, "RECORD_FIELDS", schema.RECORD_FIELDS + (schema.Field("x", "nieuw", False, "x"),))
    with pytest.raises(ValueError):
        kbschema.record_json_schema(real[0])
