"""How Dutch HR people ask: accents, hyphens, compounds, synonyms, typos and ranking."""
import pytest

from kb import search
from kb.lexicon import Lexicon, _distance
from kb.query import analyze
from tests.conftest import VALID_RECORD
from tests.test_facets import run


@pytest.fixture()
def qstore(mini, tmp_path):
    from kb import build
    from kb.store import Store

    def rec(rid, title, summary, description, keywords="[]"):
        text = VALID_RECORD.format(id=rid, title=title)
        text = text.replace("Een korte samenvatting van de interventie in eigen woorden.", summary)
        text = text.replace("Een beschrijving van de interventie. Zij helpt werkgevers om risico's te zien.", description)
        text = text.replace("added: 2026-11-24", f"keywords: {keywords}\nadded: 2026-11-24")
        mini.record(rid, text)

    rec("zorgsector-aanpak", "Aanpak voor de zorgsector", "Een aanpak in de zorgsector.", "Voor instellingen in de zorgsector; ook een andere sector kan het gebruiken.")
    rec("ouderenzorg-scan", "Scan ouderenzorg", "Een scan voor de ouderenzorg.", "Bedoeld voor teams die voor ouderen zorgen in de ouderenzorg.")
    rec("werkdrukverlaging", "Programma werkdrukverlaging", "Werkdrukverlaging in teams.", "Een programma voor werkdrukverlaging.")
    rec("werkdruk-gesprek", "Gesprek over werkdruk", "Praten over werkdruk in het team.", "Een gesprekstool over werkdruk.")
    rec("burnout-preventie", "Burn-out voorkomen", "Signalen van burn-out herkennen.", "Training om burn-out te voorkomen.")
    rec("werkstress-app", "Stresscoach", "App tegen werkstress.", "Een app die helpt bij werkstress en ontspanning.")
    rec("ideeen-box", "Ideeënbus", "Ideeën van medewerkers verzamelen.", "Coördinatie van ideeën in het team.")
    rec("e-learning-tillen", "E-learning tillen", "Online module over tillen.", "Een e-learning over veilig tillen.")
    rec("werk-prive", "Werk/privé-balans", "Evenwicht tussen werk en privé.", "Over de werk/privé balans.")
    rec("vitaliteit-programma", "Vitaliteitsprogramma", "Programma over vitaliteit.", "Aandacht voor vitaliteit en fitheid.")
    rec("titel-wint", "Mindfulness", "Een korte cursus.", "Oefeningen.")
    rec("beschrijving", "Ontspanningscursus", "Een cursus.", "Met onder meer mindfulness oefeningen.")
    rec("evc-traject", "Ervaringscertificaat", "Erkenning van verworven competenties.", "Een EVC-traject voor werkenden.",
        keywords="[EVC]")
    rec("pest-aanpak", "Aanpak van pesten", "Pesten tegengaan.", "Wat teams tegen pesten kunnen doen.")
    rec("typed-word", "Omscholingstraject", "Omscholing naar de techniek.", "Een traject.")
    rec("synonym-word", "Herscholingstraject", "Herscholing naar de techniek.", "Een traject voor het beleid.")
    return Store(build.build(mini.root, tmp_path / "inst").path)


def ids(result):
    return [h.record["id"] for h in result.hits]


def test_accents_and_case_fold(qstore):
    assert "ideeen-box" in ids(run(qstore, q="ideeen"))
    assert "ideeen-box" in ids(run(qstore, q="COÖRDINATIE"))
    assert "ideeen-box" in ids(run(qstore, q="coordinatie"))


def test_hyphen_and_slash_variants(qstore):
    assert "burnout-preventie" in ids(run(qstore, q="burnout"))
    assert "burnout-preventie" in ids(run(qstore, q="burn-out"))
    assert "e-learning-tillen" in ids(run(qstore, q="elearning"))
    assert "werk-prive" in ids(run(qstore, q="werk/privé"))
    assert "werk-prive" in ids(run(qstore, q="werk prive"))


def test_a_part_finds_compounds_and_whole_words_rank_first(qstore):
    zorg = ids(run(qstore, q="zorg"))
    assert {"zorgsector-aanpak", "ouderenzorg-scan"} <= set(zorg)
    werkdruk = ids(run(qstore, q="werkdruk"))
    assert {"werkdrukverlaging", "werkdruk-gesprek"} <= set(werkdruk)
    assert werkdruk[0] == "werkdruk-gesprek"  # the word itself beats the compound


def test_a_compound_finds_its_parts(qstore):
    assert "ouderenzorg-scan" in ids(run(qstore, q="ouderenzorg"))
    lex = qstore.lexicon
    assert lex.split("ouderenzorg") == ["ouderen", "zorg"]
    assert lex.split("zorgsector")[0] == "zorg"
    assert lex.split("team") == []


def test_compounds_do_not_flood(qstore):
    # A word finds only records that have it, whole or as a part of a compound.
    assert set(ids(run(qstore, q="gesprek"))) == {"werkdruk-gesprek"}
    assert qstore.lexicon.split("werkdruk") == []  # 'werk' is too short to split off on its own


def test_synonyms_and_abbreviations(qstore):
    assert {"burnout-preventie", "werkstress-app"} <= set(ids(run(qstore, q="werkstress")))
    assert "werkstress-app" in ids(run(qstore, q="burn-out"))
    assert "evc-traject" in ids(run(qstore, q="erkenning verworven competenties"))
    assert "evc-traject" in ids(run(qstore, q="EVC"))


def test_typo_gets_a_suggestion_and_an_automatic_corrected_search(qstore):
    r = run(qstore, q="vitalitijt")
    assert r.corrected_from == "vitalitijt"
    assert "vitaliteit-programma" in ids(r)
    r2 = run(qstore, q="werkdruk ontspaning")  # finds something as typed, still suggests
    assert r2.suggestion == "werkdruk ontspanning" or r2.total > 0


def test_title_match_ranks_above_description_match(qstore):
    assert ids(run(qstore, q="mindfulness"))[:2] == ["titel-wint", "beschrijving"]


def test_phrase_match_ranks_up(qstore):
    assert ids(run(qstore, q="veilig tillen"))[0] == "e-learning-tillen"


def test_excluding_a_word(qstore):
    found = ids(run(qstore, q="werkdruk -programma"))
    assert "werkdruk-gesprek" in found and "werkdrukverlaging" not in found


def test_analyzer_basics():
    assert analyze("De Coördinatie") == analyze("coordinatie")
    assert analyze("burn-out") == analyze("burnout")


def test_edit_distance():
    assert _distance("vitalitijt", "vitaliteit", 2) == 2
    assert _distance("tilen", "tillen", 2) == 1
    assert _distance("abcd", "badc", 2) == 2
    assert _distance("werkdruk", "vitaliteit", 2) == 3


def test_lexicon_suggests_frequent_close_words():
    lex = Lexicon({"vitaliteit": 10, "vitaal": 3, "tillen": 4})
    assert lex.suggest("vitalitijt") == "vitaliteit"
    assert lex.suggest("tilen") == "tillen"
    assert lex.suggest("xyzxyz") is None


def test_suggestions_api(client, store):
    rec = next(iter(store.records.values()))
    word = rec["title"].split()[0][:4]
    data = client.get(f"/api/v1/suggesties?q={word}").get_json()
    assert data["suggestions"] and all({"label", "kind", "url"} <= set(s) for s in data["suggestions"])
    assert client.get("/api/v1/suggesties?q=").get_json() == {"suggestions": []}


def test_more_like_this_prefers_shared_topic(qstore):
    rec = qstore.records["werkdruk-gesprek"]
    similar = [r["id"] for r in qstore.similar(rec)]
    assert similar and similar[0] == "werkdrukverlaging"


def test_general_words_are_not_required_but_count(qstore):
    # 'medewerkers' and 'aanpakken' are general words (catalogue/general_words.yaml): a record
    # about pesten is found without them.
    assert ids(run(qstore, q="pesten aanpakken bij medewerkers"))[:1] == ["pest-aanpak"]
    assert not run(qstore, q="pesten aanpakken bij medewerkers").relaxed
    # A query of only general words still uses them: it finds what has them, not everything.
    r = run(qstore, q="team")
    assert 0 < r.total < len(qstore.records)
    for hit in r.hits:
        full = qstore.full(hit.record)
        assert "team" in (full["title"] + full["summary"] + full["description"]).lower()


def test_the_word_typed_ranks_above_its_synonym(qstore):
    found = ids(run(qstore, q="omscholing"))
    assert found.index("typed-word") < found.index("synonym-word")
    found = ids(run(qstore, q="herscholing"))
    assert found.index("synonym-word") < found.index("typed-word")


def test_a_compound_with_an_unknown_tail_finds_its_known_head(qstore):
    assert "werkdruk-gesprek" in ids(run(qstore, q="werkdrukverhoging"))


def test_a_compound_made_with_a_stem_finds_the_word(qstore):
    # 'pest' is the stem of 'pesten'; no record has 'pestbeleid' or both parts.
    assert qstore.lexicon.split("pestbeleid")[0] == "pest"
    assert ids(run(qstore, q="pestbeleid"))[:1] == ["pest-aanpak"]


def test_a_typo_is_corrected_not_split_into_parts(qstore):
    r = run(qstore, q="pestn")
    assert r.corrected_from == "pestn" and ids(r)[:1] == ["pest-aanpak"]
