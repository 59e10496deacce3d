"""Turn what a visitor types into a Whoosh query.

No query syntax is exposed except quotes for a phrase and a leading minus to exclude a word, so
nothing a visitor types can be a syntax error or an expensive wildcard. Each word or phrase also
matches its synonyms (catalogue/synonyms.yaml) and, for a Dutch compound, its parts; a search
word also matches compounds that contain it, through the index's parts field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as Q

from kb.analysis import dutch_analyzer, surface_words
from kb.index import PART_FIELDS, WEIGHTS

MAX_UNITS = 12  # words or phrases taken from one query
COMPOUND_WEIGHT = 0.6  # a match on a compound's parts counts less than the word itself
SYNONYM_WEIGHT = 0.7  # a synonym of what was typed counts less than what was typed
PART_WEIGHT = 0.2  # one part of a compound alone counts less again
PHRASE_BONUS = 2.0  # all query words together, in order
_UNIT = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')
_ANALYZER = dutch_analyzer()
TEXT_FIELDS = tuple(WEIGHTS)


def analyze(text: str) -> list[str]:
    return [t.text for t in _ANALYZER(text, mode="query")]


@dataclass
class Unit:
    text: str
    phrase: bool = False
    negated: bool = False
    alternatives: list = field(default_factory=list)  # synonyms
    optional: bool = False  # a general word ('medewerkers', 'aanpakken'): counts, but is not required


@dataclass
class Plan:
    units: list
    words: list  # the plain folded words, for suggestions


def plan(text: str, synonyms, general_words=frozenset()) -> Plan:
    """Split a query into words and quoted phrases, joining words that form a synonym phrase;
    mark the general words, unless the query has nothing else."""
    raw: list[Unit] = []
    for m in _UNIT.finditer(text):
        if m.group(2) is not None:
            if m.group(2).strip():
                raw.append(Unit(m.group(2).strip(), phrase=True, negated=bool(m.group(1))))
        else:
            word = m.group(4).strip("()[]{}<>!?.,;:*^~+=|\\")
            if word and re.search(r"\w", word):
                raw.append(Unit(word, negated=bool(m.group(3))))
    units: list[Unit] = []
    i = 0
    while i < len(raw):
        unit = raw[i]
        if not unit.phrase and not unit.negated and synonyms is not None:
            # Longest run of plain words that is a synonym phrase ('duurzame inzetbaarheid').
            run = []
            j = i
            while j < len(raw) and not raw[j].phrase and not raw[j].negated:
                run.append(raw[j].text)
                j += 1
            keys = [" ".join(surface_words(w)) for w in run]
            n, alternatives = synonyms.match_at(keys, 0)
            if n > 1:
                units.append(Unit(" ".join(run[:n]), phrase=True, alternatives=alternatives))
                i += n
                continue
            if n == 1:
                unit.alternatives = alternatives
        elif unit.phrase and synonyms is not None:
            n, alternatives = synonyms.match_at([" ".join(surface_words(unit.text))], 0)
            unit.alternatives = alternatives if n else []
        units.append(unit)
        i += 1
    units = units[:MAX_UNITS]
    if general_words:
        for unit in units:
            unit.optional = (not unit.phrase and not unit.negated and not unit.alternatives
                             and " ".join(surface_words(unit.text)) in general_words)
        if not any(u for u in units if not u.optional and not u.negated):
            for unit in units:
                unit.optional = False
    words = [w for u in units if not u.negated for w in surface_words(u.text)]
    return Plan(units, words)


# A word or phrase that is searchable but occurs nowhere in the index: it matches nothing. (Not
# Whoosh's NullQuery inside an And, which Whoosh would silently drop.)
NOTHING = Q.NullQuery


def _present(terms, fieldname: str, token: str) -> bool:
    return terms is None or token in terms.get(fieldname, ())




def _frequency(terms, word: str) -> int:
    """In how many records (at most, over the fields) the analysed form of a word occurs."""
    return max((field.get(t, 0) for t in analyze(word) for field in terms.values()), default=0)


def _text_query(text: str, lexicon, terms=None, compounds: bool = True, part_alone: bool = False):
    """One word or phrase in any text field: None when nothing searchable is left, NOTHING when
    no field of the index has it. `terms` (field -> set of indexed terms) leaves out the clauses
    that cannot match, which keeps the query small and fast."""
    tokens = analyze(text)
    if not tokens:
        return None
    if len(tokens) == 1:
        clauses = [Q.Term(f, tokens[0]) for f in TEXT_FIELDS if _present(terms, f, tokens[0])]
        for field in PART_FIELDS:
            if _present(terms, field, tokens[0]):
                clauses.append(Q.Term(field, tokens[0], boost=COMPOUND_WEIGHT))
    else:
        clauses = [Q.Phrase(f, tokens) for f in TEXT_FIELDS if all(_present(terms, f, t) for t in tokens)]
    words = surface_words(text)
    if compounds and lexicon is not None and len(words) == 1:
        # All parts ('ouderen' and 'zorg'), or only the known head of a word whose tail the
        # catalogue does not have ('werkdruk' in 'werkdrukverlaging').
        parts = lexicon.split(words[0])
        if words[0] not in lexicon and lexicon.suggest(words[0]):
            parts = []  # a typo of a catalogue word ('vitalitijt'), not a compound: let 'Bedoelde u' fix it
        part_queries = [_text_query(p, lexicon, terms, compounds=False) for p in parts]
        if part_queries and all(q is not None and q is not NOTHING for q in part_queries):
            clauses.append(Q.And(part_queries, boost=COMPOUND_WEIGHT) if len(part_queries) > 1
                           else part_queries[0].with_boost(part_queries[0].boost * COMPOUND_WEIGHT))
            if part_alone and len(part_queries) > 1 and terms is not None:
                # The most specific part alone, weighing little, for when no record has them all:
                # 'pestbeleid' still finds the records on pesten. Only where it cannot flood a
                # query of several words (build decides).
                rarest = min(zip(parts, part_queries), key=lambda pq: _frequency(terms, pq[0]))[1]
                clauses.append(rarest.with_boost(rarest.boost * PART_WEIGHT))
    if not clauses:
        return NOTHING
    return clauses[0] if len(clauses) == 1 else Q.Or(clauses)


def _unit_query(unit: Unit, lexicon, terms=None, part_alone: bool = False):
    variants = [_text_query(unit.text, lexicon, terms, part_alone=part_alone)]
    seen = {tuple(analyze(unit.text))}
    for alt in unit.alternatives:
        if tuple(analyze(alt)) in seen:  # 'beweging' after 'bewegen': the same stem, counted once
            continue
        seen.add(tuple(analyze(alt)))
        # Synonyms are whole terms an editor chose: not split into parts ('werkbelasting' would
        # otherwise find every record with 'werk' and 'belasting').
        q = _text_query(alt, lexicon, terms, compounds=False)
        variants.append(q.with_boost(q.boost * SYNONYM_WEIGHT) if q is not None and q is not NOTHING else q)
    if all(v is None for v in variants):
        return None
    variants = [v for v in variants if v is not None and v is not NOTHING]
    if not variants:
        return NOTHING
    return variants[0] if len(variants) == 1 else Q.Or(variants)


def build(p: Plan, lexicon, match_all: bool = True, terms=None):
    """The Whoosh query for a plan: every unit (or, relaxed, any unit), minus excluded ones.
    None when nothing searchable was typed; NOTHING when it cannot match any record."""
    required = [u for u in p.units if not u.negated and not u.optional]
    part_alone = not match_all or len(required) == 1
    positive = [q for q in (_unit_query(u, lexicon, terms, part_alone) for u in required) if q is not None]
    optional = [q for q in (_unit_query(u, lexicon, terms, part_alone) for u in p.units if u.optional)
                if q is not None and q is not NOTHING]
    if not match_all and not positive:
        positive, optional = optional, []
    negative = [q for q in (_unit_query(u, lexicon, terms) for u in p.units if u.negated)
                if q is not None and q is not NOTHING]
    if not positive:
        return None
    if match_all and any(q is NOTHING for q in positive):
        return NOTHING
    positive = [q for q in positive if q is not NOTHING]
    if not positive:
        return NOTHING
    main = positive[0] if len(positive) == 1 else (Q.And(positive) if match_all else Q.Or(positive))
    plain = [u.text for u in p.units if not u.negated and not u.phrase]
    if len(plain) > 1:
        tokens = analyze(" ".join(plain))
        if len(tokens) > 1:
            phrases = [Q.Phrase(f, tokens, boost=PHRASE_BONUS) for f in TEXT_FIELDS
                       if all(_present(terms, f, t) for t in tokens)]
            if phrases:
                main = Q.AndMaybe(main, Q.Or(phrases))
    if optional:
        main = Q.AndMaybe(main, optional[0] if len(optional) == 1 else Q.Or(optional))
    if negative:
        main = Q.AndNot(main, Q.Or(negative))
    return main


def highlight_words(p: Plan) -> set[str]:
    """The analysed words to mark in snippets: what was typed and its synonyms, not the parts a
    compound was split into ('werkdruk' marks 'werkdruk', not every 'werk')."""
    words: set[str] = set()
    for unit in p.units:
        if not unit.negated:
            for text in (unit.text, *unit.alternatives):
                words.update(analyze(text))
    return words
