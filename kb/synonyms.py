"""Synonyms and abbreviations that editors keep in catalogue/synonyms.yaml.

Each group lists words or phrases that mean the same to a searcher; a query for any of them also
finds the others ('RI&E' finds 'risico-inventarisatie en -evaluatie', 'burn-out' finds 'werkstress').
"""
from __future__ import annotations

from kb.analysis import surface_words

MAX_PHRASE_WORDS = 6


def key(term: str) -> str:
    """How a term is compared: folded words separated by one space."""
    return " ".join(surface_words(term))


class Synonyms:
    def __init__(self, groups: list[list[str]]):
        self.groups = groups
        self._by_key: dict[str, int] = {}
        for i, group in enumerate(groups):
            for term in group:
                self._by_key.setdefault(key(term), i)
        self.longest = max((len(k.split()) for k in self._by_key), default=1)

    def alternatives(self, phrase_key: str) -> list[str]:
        """The other terms of the group a (keyed) phrase belongs to."""
        i = self._by_key.get(phrase_key)
        if i is None:
            return []
        return [t for t in self.groups[i] if key(t) != phrase_key]

    def match_at(self, words: list[str], start: int) -> tuple[int, list[str]]:
        """The longest synonym phrase starting at words[start]: (number of words, alternatives)."""
        for n in range(min(self.longest, len(words) - start), 0, -1):
            k = " ".join(words[start:start + n])
            if k in self._by_key:
                return n, self.alternatives(k)
        return 0, []


def check(checker, path, located) -> list[list[str]]:
    """Validate the synonyms file; report problems through the validation checker."""
    data = located.data
    if data is None:
        return []
    if not isinstance(data, list):
        checker.add(path, 1, "het synoniemenbestand moet een lijst van groepen zijn: elke regel '- [term, term, ...]'.")
        return []
    groups: list[list[str]] = []
    seen: dict[str, int] = {}
    for i, group in enumerate(data):
        line = located.line(i)
        if isinstance(group, dict):
            group = group.get("terms")
        if not isinstance(group, list) or len(group) < 2:
            checker.add(path, line, "een synoniemengroep moet een lijst van minstens twee termen zijn, "
                        "bijvoorbeeld [burn-out, werkstress].")
            continue
        terms = []
        for term in group:
            if not isinstance(term, (str, int, float)) or not key(str(term)):
                checker.add(path, line, f"'{term}' is geen term: gebruik woorden of korte woordgroepen.")
                continue
            term = str(term).strip()
            k = key(term)
            if len(k.split()) > MAX_PHRASE_WORDS:
                checker.add(path, line, f"'{term}' is te lang voor een synoniem (hoogstens {MAX_PHRASE_WORDS} woorden).")
                continue
            if k in seen and seen[k] != i:
                checker.add(path, line, f"'{term}' staat ook in de groep op regel {located.line(seen[k])}. Een term hoort "
                            "bij één groep: voeg de groepen samen.")
                continue
            seen[k] = i
            terms.append(term)
        if len(terms) >= 2:
            groups.append(terms)
    return groups
