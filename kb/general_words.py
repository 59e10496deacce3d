"""General words that editors keep in catalogue/general_words.yaml.

Words a visitor often puts in a query that say little about what they look for ('medewerkers',
'aanpakken', 'verbeteren'). A record does not need to contain them to be found; when it does,
they count towards the order. A query made only of such words uses them as usual.
"""
from __future__ import annotations

from kb.analysis import surface_words


def key(word: str) -> str:
    return " ".join(surface_words(word))


def check(checker, path, located, synonym_keys: set[str]) -> list[str]:
    """Validate the file; report problems through the validation checker. Returns the words."""
    data = located.data
    if data is None:
        return []
    if not isinstance(data, list):
        checker.add(path, 1, "het bestand met algemene woorden moet een lijst zijn: elke regel '- woord'.")
        return []
    words: list[str] = []
    seen: dict[str, int] = {}
    for i, word in enumerate(data):
        line = located.line(i)
        if not isinstance(word, str) or len(key(word).split()) != 1:
            checker.add(path, line, f"'{word}' is geen los woord. Zet één woord per regel, bijvoorbeeld '- medewerkers'.")
            continue
        k = key(word)
        if k in seen:
            checker.add(path, line, f"'{word}' staat al op regel {seen[k]}. Haal een van de twee weg.")
            continue
        if k in synonym_keys:
            checker.add(path, line, f"'{word}' staat ook in synonyms.yaml. Een woord met synoniemen is niet "
                        "algemeen: haal het hier weg, of uit de synoniemengroep.")
            continue
        seen[k] = line
        words.append(word.strip())
    return words
