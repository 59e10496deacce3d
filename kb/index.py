"""The Whoosh full-text index: which record fields are searchable and how much each weighs."""
from __future__ import annotations

import re
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.fields import ID, TEXT, Schema

from kb.analysis import dutch_analyzer, surface_words
from kb.lexicon import record_texts

_MARKDOWN_MARKS = re.compile(r"(^|\s)(#+|[-*+]|\d+\.)\s+|[*_`>]+|\[([^\]]*)\]\([^)]*\)", re.MULTILINE)


def plain_text(markdown_text: str) -> str:
    """Markdown without its markup, for snippets a reader sees."""
    return _MARKDOWN_MARKS.sub(lambda m: (m.group(1) or "") + (m.group(3) or ""), markdown_text)

# Field -> boost. Names weigh most, then the summary, then the long description.
WEIGHTS = {
    "title": 5.0,
    "aliases": 4.0,
    "keywords": 3.0,
    "organisations": 2.0,
    "summary": 2.0,
    "tags": 1.0,
    "description": 1.0,
}
# Parts of the compounds in a record ('ouderenzorg' -> 'ouderen', 'zorg'), so that a search for a
# part finds the compound; it weighs less than the words themselves.
PARTS_FIELD = "parts"
PARTS_WEIGHT = 0.5
# The same for the compounds in a record's names (title, aliases, keywords): 'vitaliteit' in
# 'Vitaliteitscampagne Bruis' says more than in a sentence of the description.
NAME_PARTS_FIELD = "name_parts"
NAME_PARTS_WEIGHT = 2.0
PART_FIELDS = {PARTS_FIELD: PARTS_WEIGHT, NAME_PARTS_FIELD: NAME_PARTS_WEIGHT}


def make_schema() -> Schema:
    analyzer = dutch_analyzer()
    fields = {name: TEXT(analyzer=analyzer, field_boost=boost, phrase=True)
              for name, boost in WEIGHTS.items()}
    for name, boost in PART_FIELDS.items():
        fields[name] = TEXT(analyzer=analyzer, field_boost=boost, phrase=False)
    # Only the id is stored: snippets and 'meer zoals dit' take the text from the record itself.
    return Schema(id=ID(stored=True, unique=True), **fields)


def _parts(texts, lexicon) -> str:
    words = {w for text in texts for w in surface_words(text)}
    return " ".join(sorted({part for w in words for part in lexicon.split(w)}))


def compound_parts(rec: dict, lexicon, extra: str = "") -> str:
    return _parts([*record_texts(rec), extra], lexicon)


def document(rec: dict, cat, lexicon) -> dict:
    """The indexed text of one record, tags spelled out as their Dutch labels."""
    vocab = cat.vocab
    orgs = [cat.organisations[o] for o in rec["organisations"]]
    tags = [vocab.subthemes.label(s) for s in rec["subthemes"]]
    # A sector's label and the finer words of its description ('ouderenzorg', 'gemeenten').
    tags += [f"{vocab.sectors.label(s)}: {vocab.sectors[s].description}" for s in rec["sectors"]
             if s != "sectoroverstijgend"]
    tags += [vocab.target_groups.label(g) for g in rec["target_groups"]]
    tags += [vocab.intervention_types.label(rec["intervention_type"]), vocab.forms.label(rec["form"])]
    return {
        "id": rec["id"],
        "title": rec["title"],
        "aliases": " ; ".join(rec["aliases"]),
        "keywords": " ; ".join(rec["keywords"]),
        "organisations": " ; ".join([o["name"] for o in orgs] + [a for o in orgs for a in o.get("aliases", [])]),
        "summary": rec["summary"],
        "tags": " ; ".join(tags),
        "description": plain_text(rec["description"]),
        PARTS_FIELD: compound_parts(rec, lexicon, " ".join(tags)),
        NAME_PARTS_FIELD: _parts([rec["title"], *rec["aliases"], *rec["keywords"]], lexicon),
    }


def write_index(path: Path, cat, lexicon) -> None:
    path.mkdir(parents=True)
    ix = whoosh_index.create_in(str(path), make_schema())
    # Posting blocks uncompressed: the index is small, and zlib on every block was a tenth of the
    # build (and of every read).
    writer = ix.writer(codec=W3Codec(compression=0))
    # In title order, so that document numbers ascending are A-Z: the search page sorts by title
    # without a sort step, and equal scores fall back to title order.
    for rec in sorted(cat.records.values(), key=lambda r: (r["title"].lower(), r["id"])):
        writer.add_document(**document(rec, cat, lexicon))
    writer.commit(optimize=True)


def open_index(path: Path):
    # Read through the page cache, not memory-mapped: a mapped index counts in every worker's
    # resident memory, and the per-word score cache (textmatch.py) reads it rarely.
    return FileStorage(str(path), supports_mmap=False, readonly=True).open_index()
