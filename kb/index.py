"""The Whoosh full-text index: which record fields are searchable and how much each weighs."""
from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema

from kb.analysis import dutch_analyzer

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
STORED = {"title", "summary", "description"}  # kept for highlighted snippets


def make_schema() -> Schema:
    analyzer = dutch_analyzer()
    fields = {name: TEXT(analyzer=analyzer, field_boost=boost, stored=name in STORED, phrase=True)
              for name, boost in WEIGHTS.items()}
    return Schema(id=ID(stored=True, unique=True), **fields)


def document(rec: dict, cat) -> dict:
    """The indexed text of one record, tags spelled out as their Dutch labels."""
    vocab = cat.vocab
    orgs = [cat.organisations[o] for o in rec["organisations"]]
    tags = [vocab.themes.label(t) for t in rec["themes"]]
    tags += [vocab.subthemes.label(s) for s in rec["subthemes"]]
    tags += [vocab.sectors.label(s) for s in rec["sectors"] if s != "sectoroverstijgend"]
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
        "description": rec["description"],
    }


def write_index(path: Path, cat) -> None:
    path.mkdir(parents=True)
    ix = whoosh_index.create_in(str(path), make_schema())
    writer = ix.writer()
    for rec in cat.records.values():
        writer.add_document(**document(rec, cat))
    writer.commit(optimize=True)


def open_index(path: Path):
    return whoosh_index.open_dir(str(path), readonly=True)
