"""The SQLite side of a build: records, vocabularies and one many-to-many table per facet."""
from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

FORMAT = 4  # bump when the tables change, so existing builds are rebuilt

# Facet name -> (record field, link table, vocabulary table).
# Record field -> (link table, column naming the vocabulary value).
MANY_TO_MANY = {
    "themes": ("intervention_themes", "theme_id"),
    "subthemes": ("intervention_subthemes", "subtheme_id"),
    "sectors": ("intervention_sectors", "sector_id"),
    "target_groups": ("intervention_target_groups", "target_group_id"),
    "organisations": ("intervention_organisations", "organisation_id"),
}
# Record field -> (table, columns of one row) for the other lists on a record.
RECORD_LISTS = {
    "links": ("links", ("url", "label")),
    "sources": ("citations", ("document", "section", "heading")),
    "aliases": ("aliases", ("alias",)),
    "keywords": ("keywords", ("keyword",)),
    "related": ("related", ("related_id",)),
    "guides": ("guides", ("page_id",)),
}
VOCAB_TABLES = ("themes", "subthemes", "chain_categories", "chain_origins", "evidence_levels", "sectors",
                "target_groups", "forms", "intervention_types", "organisation_kinds", "sources")


def _term_rows(vocab):
    for position, term in enumerate(vocab):
        row = term.as_dict()
        row["position"] = position
        yield {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in row.items()}


def write_database(path: Path, cat, render) -> dict:
    """Write the checked catalogue to a new SQLite file; return counts of what was written."""
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA journal_mode = DELETE")
    # A build writes into a new folder that only goes live once complete (see build.py), so the
    # database needs no crash safety while it is written: no fsync after every batch.
    db.conn.execute("PRAGMA synchronous = OFF")
    for name in VOCAB_TABLES:
        table_name = "source_documents" if name == "sources" else name
        db[table_name].create({"id": str, "label": str, "description": str, "position": int}, pk="id")
        db[table_name].insert_all(_term_rows(cat.vocab.by_name[name]), pk="id", alter=True)
    db["organisations"].create({"id": str, "name": str, "kind": str, "website": str, "description": str,
                                "aliases": str}, pk="id")
    db["pages"].create({"id": str, "title": str, "summary": str, "body": str, "body_html": str, "themes": str,
                        "position": int, "sources": str, "path": str}, pk="id")
    db["organisations"].insert_all(
        ({"id": o["id"], "name": o["name"], "kind": o["kind"], "website": o.get("website"),
          "description": o.get("description"), "aliases": json.dumps(o.get("aliases", []), ensure_ascii=False)}
         for o in cat.organisations.values()), pk="id", alter=True)
    db["pages"].insert_all(
        ({"id": p["id"], "title": p["title"], "summary": p["summary"], "body": p["body"],
          "body_html": render(p["body"]), "themes": json.dumps(p["themes"]), "position": p["order"],
          "sources": json.dumps(p["sources"], ensure_ascii=False), "path": p["path"]}
         for p in cat.pages.values()), pk="id", alter=True)
    rows = []
    for rec in cat.records.values():
        rows.append({
            "id": rec["id"], "title": rec["title"], "summary": rec["summary"], "description": rec["description"],
            "description_html": render(rec["description"]), "primary_theme": rec["themes"][0],
            "chain_category": rec["chain_category"], "chain_category_origin": rec["chain_category_origin"],
            "intervention_type": rec["intervention_type"], "form": rec["form"],
            "evidence_level": rec["evidence"]["level"], "evidence_basis": rec["evidence"]["basis"],
            "timing": rec.get("timing"), "costs": rec.get("costs"), "added": rec.get("added"),
            "last_reviewed": rec.get("last_reviewed"), "path": rec["path"],
        })
    db["interventions"].create({
        "id": str, "title": str, "summary": str, "description": str, "description_html": str, "primary_theme": str,
        "chain_category": str, "chain_category_origin": str, "intervention_type": str, "form": str,
        "evidence_level": str, "evidence_basis": str, "timing": str, "costs": str, "added": str,
        "last_reviewed": str, "path": str}, pk="id")
    db["interventions"].insert_all(rows)
    db["synonyms"].create({"group_id": int, "position": int, "term": str})
    db["synonyms"].insert_all({"group_id": g, "position": i, "term": t}
                              for g, group in enumerate(cat.synonyms) for i, t in enumerate(group))
    db["general_words"].create({"word": str})
    db["general_words"].insert_all({"word": w} for w in cat.general_words)
    tables = []
    for field, (table, column) in MANY_TO_MANY.items():
        db[table].create({"intervention_id": str, column: str, "position": int})
        db[table].insert_all({"intervention_id": rec["id"], column: value, "position": i}
                             for rec in cat.records.values() for i, value in enumerate(rec[field]))
        tables.append(table)
    for field, (table, columns) in RECORD_LISTS.items():
        db[table].create({"intervention_id": str, "position": int, **{c: str for c in columns}})
        db[table].insert_all(
            {"intervention_id": rec["id"], "position": i,
             **({columns[0]: item} if isinstance(item, str) else {c: item.get(c) for c in columns})}
            for rec in cat.records.values() for i, item in enumerate(rec[field]))
        tables.append(table)
    for table in tables:
        db[table].create_index(["intervention_id"])
    db.conn.commit()
    db.conn.execute("VACUUM")
    db.close()
    return {"interventions": len(cat.records), "organisations": len(cat.organisations), "pages": len(cat.pages)}
