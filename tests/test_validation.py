"""An editor's broken record gets path:line: and what to do; every kind of mistake is caught."""
import subprocess
import sys

import pytest

from kb import validation
from tests.conftest import REAL_CATALOGUE, VALID_RECORD


def messages(root):
    return [p.format(root) for p in validation.validate(root)]


def only(root, fragment):
    found = [m for m in messages(root) if fragment in m]
    assert found, f"expected a message with {fragment!r}, got {messages(root)}"
    return found[0]


def test_real_catalogue_is_valid():
    problems = validation.validate(REAL_CATALOGUE)
    assert problems == [], "\n".join(p.format(REAL_CATALOGUE) for p in problems)


def test_mini_catalogue_is_valid(mini):
    assert messages(mini.root) == []


def test_yaml_syntax_error_has_line_and_column(mini):
    mini.record("kapot", "id: kapot\ntitle: Kapot\nthemes: [veilig-gezond-vitaal\nsummary: x\n")
    msg = only(mini.root, "YAML-fout")
    assert msg.startswith("interventies/kapot.yaml:4:")
    assert "kolom" in msg


def test_unknown_field_suggests_nearest_name(mini):
    mini.record("typfout", VALID_RECORD.format(id="typfout", title="T").replace("summary:", "sumary:"))
    msg = only(mini.root, "onbekend veld 'sumary'")
    assert msg.startswith("interventies/typfout.yaml:3:")
    assert "Bedoelde u 'summary'?" in msg
    assert "het verplichte veld 'summary' ontbreekt" in " ".join(messages(mini.root))


def test_missing_required_field(mini):
    text = VALID_RECORD.format(id="zonder-bron", title="T")
    text = text[: text.index("sources:")]
    mini.record("zonder-bron", text)
    assert "het verplichte veld 'sources' ontbreekt" in only(mini.root, "'sources'")


@pytest.mark.parametrize("field,bad,allowed", [
    ("sectors: [sectoroverstijgend]", "sectors: [bouw]", "bouw-en-infra"),
    ("chain_category: B", "chain_category: E", "A, B, C, D"),
    ("intervention_type: scan", "intervention_type: scann", "Bedoelde u 'scan'"),
    ("target_groups: [werkgevers]", "target_groups: [werkgever]", "Bedoelde u 'werkgevers'"),
])
def test_value_outside_vocabulary_lists_allowed_values(mini, field, bad, allowed):
    mini.record("fout", VALID_RECORD.format(id="fout", title="T").replace(field, bad))
    msg = only(mini.root, "interventies/fout.yaml")
    assert allowed in msg


def test_subtheme_must_belong_to_chosen_theme(mini):
    mini.record("mismatch", VALID_RECORD.format(id="mismatch", title="T").replace(
        "subthemes: [veilig-werken]", "subthemes: [veilig-werken, organisatie-van-het-werk]"))
    msg = only(mini.root, "hoort bij thema 'goed-werkgeverschap'")
    assert msg.startswith("interventies/mismatch.yaml:7:")


def test_id_must_equal_file_name(mini):
    mini.record("bestand", VALID_RECORD.format(id="andere-id", title="T"))
    assert "niet gelijk aan de bestandsnaam 'bestand'" in only(mini.root, "bestandsnaam")


def test_duplicate_ids(mini):
    mini.record("tweede", VALID_RECORD.format(id="goede-scan", title="T"))
    assert "wordt ook gebruikt in" in only(mini.root, "wordt ook gebruikt")


@pytest.mark.parametrize("url,expected", [
    ("javascript:alert(1)", "alleen URL's die beginnen met http"),
    ("ftp://example.nl/x", "alleen URL's die beginnen met http"),
    ("https://exa mple.nl/", "geen geldige URL"),
    ("https://", "geen geldige URL"),
])
def test_bad_urls(mini, url, expected):
    mini.record("link", VALID_RECORD.format(id="link", title="T").replace("https://www.example.nl/", url))
    msg = only(mini.root, expected)
    assert msg.startswith("interventies/link.yaml:15:")


def test_summary_too_long(mini):
    mini.record("lang", VALID_RECORD.format(id="lang", title="T").replace(
        "Een korte samenvatting van de interventie in eigen woorden.", "woord " * 70))
    assert "hoogstens 300" in only(mini.root, "tekens lang")


def test_unknown_organisation_and_related(mini):
    text = VALID_RECORD.format(id="refs", title="T").replace("organisations: [test-org]",
                                                             "organisations: [onbekende-org]\nrelated: [bestaat-niet]")
    mini.record("refs", text)
    assert "'onbekende-org' in 'organisations' is onbekend" in only(mini.root, "onbekende-org")
    assert "'bestaat-niet' in 'related' is onbekend" in only(mini.root, "bestaat-niet")


def test_effect_claim_needs_evidence(mini):
    mini.record("claim", VALID_RECORD.format(id="claim", title="T").replace(
        "Zij helpt werkgevers", "Zij is effectief en helpt werkgevers"))
    assert "bewijsniveau" in only(mini.root, "'effectief'")


def test_evidence_level_needs_basis(mini):
    mini.record("bewijs", VALID_RECORD.format(id="bewijs", title="T") + "evidence:\n  level: goed-onderbouwd\n")
    assert "hoort een 'basis'" in only(mini.root, "basis")


def test_quickscan_section_must_exist(mini):
    mini.record("sectie", VALID_RECORD.format(id="sectie", title="T").replace('section: "2.4"', 'section: "2.9"'))
    assert "geen paragraaf van 'quickscan'" in only(mini.root, "paragraaf")


def test_all_problems_reported_at_once(mini):
    mini.record("a", VALID_RECORD.format(id="a", title="T").replace("chain_category: B", "chain_category: X"))
    mini.record("b", VALID_RECORD.format(id="b", title="T").replace("sectors: [sectoroverstijgend]", "sectors: [x]"))
    mini.record("c", "id: c\ntitle: [\n")
    files = {m.split(":")[0] for m in messages(mini.root)}
    assert files == {"interventies/a.yaml", "interventies/b.yaml", "interventies/c.yaml"}


def test_vocabulary_file_problems_are_reported(mini):
    path = mini.root / "vocabularies" / "intervention_types" / "extra.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("- id: scan\n  label: Dubbel\n  form: scan\n  description: x\n  source: {document: quickscan, section: '2.4'}\n"
                    "- id: nieuw\n  label: Nieuw\n  form: geen-vorm\n  description: x\n  source: {document: quickscan, section: '2.4'}\n")
    msgs = " ".join(messages(mini.root))
    assert "vocabularies/intervention_types/extra.yaml:1: het interventietype 'scan' bestaat al" in msgs
    assert "vocabularies/intervention_types/extra.yaml:6: 'geen-vorm' is geen vorm" in msgs


def test_page_front_matter_is_checked(mini):
    mini.write("kennisbank/tips.md", "---\ntitle: Tips\nsummry: x\n---\nTekst.\n")
    msgs = " ".join(messages(mini.root))
    assert "kennisbank/tips.md:3: onbekend veld 'summry'" in msgs
    assert "'sources' ontbreekt" in msgs


def test_cli_exit_status_and_output(mini):
    ok = subprocess.run([sys.executable, "-m", "kb", "--catalogue", str(mini.root), "validate"],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and "In orde: 1 interventies" in ok.stdout
    mini.record("kapot", "id: kapot\n")
    bad = subprocess.run([sys.executable, "-m", "kb", "--catalogue", str(mini.root), "validate"],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert "kapot.yaml:1:" in bad.stderr and "probleem" in bad.stderr
