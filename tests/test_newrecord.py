"""Creating a new record: the template, the id, the checks and the interactive flow."""
import shutil

import pytest
import yaml

from kb import newrecord, validation
from kb.newrecord import NewRecordError, new_record, slugify
from tests.conftest import REAL_CATALOGUE

REQUIRED = dict(
    summary="Online vragenlijst waarmee een team in een kwartier ziet waar de werkdruk vandaan komt.",
    description="De scan is een korte vragenlijst voor teams.\n\nStappen:\n\n- invullen\n- bespreken",
    themes=["veilig-gezond-vitaal"],
    subthemes=["werkdruk"],
    chain_category="B",
    chain_category_origin="redactie",
    intervention_type="scan",
    sectors=["sectoroverstijgend"],
    target_groups=["werkgevers", "werknemers"],
    sources=[{"document": "quickscan", "section": "2.5", "heading": "Werkdruk: scans"}],
)


@pytest.fixture()
def catalogue(tmp_path):
    root = tmp_path / "catalogue"
    shutil.copytree(REAL_CATALOGUE, root)
    return root


@pytest.fixture(scope="module")
def unchanged_catalogue(tmp_path_factory):
    """One copy for the tests that must not write anything."""
    root = tmp_path_factory.mktemp("kopie") / "catalogue"
    shutil.copytree(REAL_CATALOGUE, root)
    return root


def _problems_for(root, path):
    return [p.format(root) for p in validation.load(root)[1] if p.path == path]


@pytest.mark.parametrize("title, expected", [
    ("Zelfinspectietool van de Inspectie SZW", "zelfinspectietool-van-de-inspectie-szw"),
    ("Café Één: würde Ærø ĳs", "cafe-een-wurde-aero-ijs"),
    ("A&O Provincie Academie", "a-o-provincie-academie"),
    ("  --Werk   in   uitvoering!!--  ", "werk-in-uitvoering"),
    ("2DAYSMOOD (meting medewerkersbeleving)", "2daysmood-meting-medewerkersbeleving"),
])
def test_slugify(title, expected):
    assert slugify(title) == expected


def test_slugify_cuts_long_titles_at_a_word():
    slug = slugify("Een heel lange titel over duurzame inzetbaarheid en leven lang ontwikkelen in de zorg")
    assert len(slug) <= newrecord.SLUG_MAX
    assert slug == "een-heel-lange-titel-over-duurzame-inzetbaarheid-en-leven"
    assert len(slugify("x" * 100)) == newrecord.SLUG_MAX


def test_complete_record_passes_validation(catalogue):
    path = new_record(catalogue, "Werkdrukscan voor teams", organisations=["tno"],
                      links=[{"url": "https://www.example.nl/scan", "label": "Website van de scan"}], **REQUIRED)
    assert path == catalogue / "interventies" / "werkdrukscan-voor-teams.yaml"
    assert _problems_for(catalogue, path) == []
    cat = validation.load(catalogue)[0]
    rec = cat.records["werkdrukscan-voor-teams"]
    assert rec["title"] == "Werkdrukscan voor teams"
    assert rec["target_groups"] == ["werkgevers", "werknemers"]
    assert rec["sources"] == [{"document": "quickscan", "section": "2.5", "heading": "Werkdruk: scans"}]
    assert rec["description"].startswith("De scan is een korte vragenlijst") and "- bespreken" in rec["description"]
    assert rec["added"] == rec["last_reviewed"]


def test_file_starts_with_the_schema_line_and_explains_completion(catalogue):
    text = new_record(catalogue, "Werkdrukscan", **REQUIRED).read_text(encoding="utf-8")
    first, *rest = text.splitlines()
    assert first == "# yaml-language-server: $schema=../../schema/interventie.schema.json"
    assert "VS Code" in text and "YAML" in text
    # The path in the comment points at the schema file of the repository.
    assert (REAL_CATALOGUE / "interventies" / "../../schema/interventie.schema.json").resolve().is_file()


def test_missing_fields_get_hints_with_allowed_values(catalogue):
    path = new_record(catalogue, "Alleen een titel", themes=["leven-lang-ontwikkelen"])
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert set(data) == {"id", "title", "themes", "added", "last_reviewed"}  # the rest is commented out
    assert "# --- summary (verplicht)" in text
    assert "# --- sectors (verplicht)" in text and "#   horeca" in text
    assert "#   B  Analyse-instrumenten" in text
    # Subthemes: only those of the chosen theme are offered.
    assert "scholing-leren-ontwikkelen" in text and "#   werkdruk " not in text
    assert "#   4.4        Scholing, leren en ontwikkelen" in text
    problems = _problems_for(catalogue, path)
    assert any("'summary' ontbreekt" in p for p in problems)
    assert not any("YAML-fout" in p for p in problems)


def test_uncommenting_the_examples_gives_a_valid_record(catalogue):
    """Each hint ends with a real YAML example: removing '# ' from it gives a value validation accepts."""
    path = new_record(catalogue, "Voorbeeldrecord")
    out, field = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# --- "):
            field = line.split()[2] if "(verplicht)" in line else None
            continue
        if field and line.startswith(f"# {field}:"):
            out.append(line[2:])
            continue
        if field and out and out[-1].split(":")[0].strip(" -") != "" and line.startswith("#   ") \
                and any(o.startswith(f"{field}:") for o in out[-4:]):
            out.append(line[2:])
            continue
        if not line.startswith("#"):
            field = None
            out.append(line)
    text = "\n".join(out) + "\n"
    assert set(yaml.safe_load(text)) >= {"summary", "description", "themes", "subthemes", "sources"}
    path.write_text(text, encoding="utf-8")
    assert _problems_for(catalogue, path) == []


def test_existing_id_is_refused(catalogue):
    existing = sorted((catalogue / "interventies").glob("*.yaml"))[0]
    before = existing.read_text(encoding="utf-8")
    with pytest.raises(NewRecordError, match="bestaat al een interventie met id"):
        new_record(catalogue, "x", id=existing.stem, **REQUIRED)
    assert existing.read_text(encoding="utf-8") == before
    new_record(catalogue, "Nieuwe scan", **REQUIRED)
    with pytest.raises(NewRecordError, match="bestaat al"):
        new_record(catalogue, "Nieuwe  SCAN!", **REQUIRED)


@pytest.mark.parametrize("fields, message", [
    (dict(themes=["veilig-gezond-vital"]), "Bedoelde u 'veilig-gezond-vitaal'"),
    (dict(chain_category="E"), "geen geldige waarde voor 'chain_category'"),
    (dict(sources=[{"document": "quickscan", "section": "9.9"}]), "geen paragraaf van 'quickscan'"),
    (dict(sources=[{"document": "onbekend", "section": "1"}]), "onbekend brondocument"),
    (dict(summary="x" * 301), "hoogstens 300"),
    (dict(samenvatting="x"), "onbekend veld 'samenvatting'"),
    (dict(id="Met Spaties"), "geen geldige id"),
])
def test_invalid_values_are_refused_before_writing(unchanged_catalogue, fields, message):
    before = sorted((unchanged_catalogue / "interventies").iterdir())
    with pytest.raises(NewRecordError, match=message):
        new_record(unchanged_catalogue, "Foute interventie", **fields)
    assert sorted((unchanged_catalogue / "interventies").iterdir()) == before


def test_empty_title_is_refused(unchanged_catalogue):
    with pytest.raises(NewRecordError, match="titel"):
        new_record(unchanged_catalogue, "   ")


def _run(catalogue, answers):
    answers = list(answers)
    printed = []

    def fake_input(prompt=""):
        printed.append(prompt)
        assert answers, f"onverwachte vraag: {prompt!r}"
        return answers.pop(0)

    path = newrecord.interactive(catalogue, input=fake_input, print=lambda *a: printed.append(" ".join(map(str, a))))
    assert answers == [], f"niet alle antwoorden gebruikt: {answers}"
    return path, "\n".join(printed)


def test_interactive_flow_creates_a_valid_record(catalogue):
    records = validation.load(catalogue)[0].records
    title_of_existing = next(r["title"] for r in records.values() if slugify(r["title"]) == r["id"])
    path, out = _run(catalogue, [
        title_of_existing,                    # exists: asked again
        "Werkdrukscan voor teams",
        "x" * 301,                            # too long: asked again
        "Een korte scan waarmee een team ziet waar werkdruk vandaan komt.",
        "Teams vullen samen een vragenlijst in en bespreken de uitkomst.",
        "veilig-gezond-vitaal, onzin",        # one unknown value: asked again
        "1",
        "werkdruk, scholing-leren-ontwikkelen",  # subtheme of another theme: not offered
        "werkdruk",
        "A, B",                               # only one allowed
        "B",
        "",                                   # default: redactie
        "scn",
        "scan",
        "sectoroverstijgend",
        "werkgevers, 5",
        "quickscan",
        "9.9",
        "2.5",
        "Werkdruk: scans",
        "j",
        "bouw-infra-2022",
        "Activiteit 4",
        "",
        "n",
    ])
    assert path.name == "werkdrukscan-voor-teams.yaml"
    assert "Er bestaat al een interventie" in out
    assert "hoogstens 300" in out
    assert "'onzin' is niet toegestaan" in out
    assert "Bedoelde u 'scan'" in out
    assert "Kies één waarde" in out
    assert "Veilig, gezond en vitaal werken" in out  # allowed values are offered with labels
    assert _problems_for(catalogue, path) == []
    rec = validation.load(catalogue)[0].records["werkdrukscan-voor-teams"]
    assert rec["target_groups"] == ["werkgevers", "werknemers"]
    assert rec["chain_category_origin"] == "redactie"
    assert rec["sources"] == [{"document": "quickscan", "section": "2.5", "heading": "Werkdruk: scans"},
                              {"document": "bouw-infra-2022", "section": "Activiteit 4"}]


def test_interactive_flow_with_skipped_answers_leaves_hints(catalogue):
    path, out = _run(catalogue, ["Half ingevuld"] + [""] * 9)
    assert "Nog in te vullen (verplicht)" in out and "summary" in out
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["title"] == "Half ingevuld"
    assert "# --- themes (verplicht)" in text


def test_command(catalogue):
    out, err = [], []
    assert newrecord.command(catalogue, "Werkdrukscan", out=out.append, err=err.append, **REQUIRED) == 0
    assert "Aangemaakt" in out[0] and err == []
    assert newrecord.command(catalogue, "Werkdrukscan", out=out.append, err=err.append, **REQUIRED) == 1
    assert "bestaat al" in err[0]

    def stop(prompt=""):
        raise EOFError

    err.clear()
    assert newrecord.command(catalogue, None, out=out.append, err=err.append, input=stop) == 1
    assert "niets aangemaakt" in err[0]
