"""The editors' search vocabularies (synonyms.yaml, general_words.yaml): checked with path:line
messages, and carried into the build."""
from kb import build, validation
from kb.store import Store


def _problems(mini):
    return [p.format() for p in validation.load(mini.root)[1]]


def test_real_files_are_valid_and_reach_the_store(store):
    assert store.synonyms.alternatives("werkdruk")
    assert "medewerkers" in store.general_words


def test_broken_synonym_files_get_line_messages(mini):
    mini.write("synonyms.yaml", "- [burn-out, werkstress]\n- [alleen]\n- [werkstress, overspannen]\n- [a b c d e f g, x]\n")
    problems = _problems(mini)
    path = str(mini.root / "synonyms.yaml")
    assert any(p.startswith(f"{path}:2:") and "minstens twee termen" in p for p in problems), problems
    assert any(p.startswith(f"{path}:3:") and "'werkstress' staat ook in de groep op regel 1" in p for p in problems)
    assert any(p.startswith(f"{path}:4:") and "te lang" in p for p in problems)
    mini.write("synonyms.yaml", "burn-out: werkstress\n")
    assert any("moet een lijst van groepen zijn" in p for p in _problems(mini))


def test_broken_general_words_get_line_messages(mini):
    mini.write("general_words.yaml", "- medewerkers\n- twee woorden\n- Medewerkers\n- werkdruk\n")
    problems = _problems(mini)
    path = str(mini.root / "general_words.yaml")
    assert any(p.startswith(f"{path}:2:") and "geen los woord" in p for p in problems), problems
    assert any(p.startswith(f"{path}:3:") and "staat al op regel 1" in p for p in problems)
    assert any(p.startswith(f"{path}:4:") and "staat ook in synonyms.yaml" in p for p in problems)


def test_a_broken_search_vocabulary_stops_the_build(mini, tmp_path):
    import pytest

    mini.write("general_words.yaml", "medewerkers: ja\n")
    with pytest.raises(build.BuildFailed):
        build.build(mini.root, tmp_path / "inst")


def test_general_words_are_part_of_the_build(mini, tmp_path):
    mini.write("general_words.yaml", "- medewerkers\n- aanpakken\n")
    store = Store(build.build(mini.root, tmp_path / "inst").path)
    assert store.general_words == {"medewerkers", "aanpakken"}
