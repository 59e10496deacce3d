"""The read side of a build: everything the site shows, loaded once from SQLite into memory,
and the Whoosh index opened read-only for searching."""
from __future__ import annotations

import json
import sqlite3
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kb import build as builder
from kb import facets as facet_defs
from kb.facetindex import FacetIndex
from kb.index import PART_FIELDS, WEIGHTS, open_index, plain_text
from kb.lexicon import Lexicon
from kb.general_words import key as general_key
from kb.synonyms import Synonyms
from kb.textmatch import TermScores
from kb.store_schema import MANY_TO_MANY, RECORD_LISTS


@dataclass
class Vocab:
    """A vocabulary as the site uses it: ordered terms with labels."""

    name: str
    terms: dict  # id -> dict

    def label(self, key: str) -> str:
        term = self.terms.get(key)
        return (term.get("label") or term.get("name") or key) if term else key

    def __contains__(self, key) -> bool:
        return key in self.terms

    def __iter__(self):
        return iter(self.terms.values())

    def get(self, key):
        return self.terms.get(key)


def _rows(conn, sql, *params):
    return [dict(r) for r in conn.execute(sql, params)]


def _decode(row: dict, *keys) -> dict:
    for key in keys:
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    return row


LONG_TEXTS = ("description", "description_html")


class Store:
    """One build, read-only. Cheap to share between requests and threads."""

    def __init__(self, build_path: Path):
        self.path = Path(build_path)
        self.meta = builder.read_meta(self.path)
        conn = sqlite3.connect(f"file:{self.path / builder.DB_NAME}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        try:
            self._load(conn)
        finally:
            conn.close()
        self.lexicon = Lexicon.load(self.path / builder.LEXICON_NAME)
        self.index = open_index(self.path / builder.INDEX_DIR)
        self._local = threading.local()
        self._searchers = []
        self._term_scores = TermScores()
        self._load_positions()

    def _load_positions(self) -> None:
        """Tie records to their document numbers in the index, and build what search needs per
        request: facet bitsets, sort orders, and the indexed words per field (so that a query
        never asks the index for a word it does not have)."""
        with self.index.searcher() as searcher:
            reader = searcher.reader()
            ids = [fields["id"] for _, fields in sorted(reader.iter_docs())]
            # field -> {indexed word: number of records with it}
            self.terms = {f: {t.decode("utf-8"): info.doc_frequency() for t, info in reader.iter_field(f)}
                          for f in (*WEIGHTS, *PART_FIELDS)}
        missing = [i for i in ids if i not in self.records]
        if missing or len(ids) != len(self.records):
            raise RuntimeError(f"De zoekindex en de database van bouw {self.path.name} horen niet bij elkaar.")
        self.by_position = [self.records[i] for i in ids]
        self.position = {rid: n for n, rid in enumerate(ids)}
        self.facet_index = FacetIndex(self.by_position)
        title_order = sorted(range(len(ids)), key=lambda n: (self.by_position[n]["title"].lower(), ids[n]))
        # The build writes the index in title order, so positions ascending are already A-Z.
        self.title_order = None if title_order == list(range(len(ids))) else title_order
        recent = sorted(range(len(ids)), key=lambda n: (self.by_position[n]["title"].lower(), ids[n]))
        recent.sort(key=lambda n: self.by_position[n].get("added") or "", reverse=True)
        self.recent_rank = [0] * len(ids)
        for rank, n in enumerate(recent):
            self.recent_rank[n] = rank

    def _load(self, conn) -> None:
        def vocab(table, name, *json_keys):
            return Vocab(name, {r["id"]: _decode(r, *json_keys)
                                for r in _rows(conn, f"SELECT * FROM {table} ORDER BY position")})

        self.themes = vocab("themes", "themes", "subthemes", "source")
        self.subthemes = vocab("subthemes", "subthemes", "source")
        self.chain_categories = vocab("chain_categories", "chain_categories")
        self.chain_origins = vocab("chain_origins", "chain_origins")
        self.evidence_levels = vocab("evidence_levels", "evidence_levels")
        self.sectors = vocab("sectors", "sectors", "sbi")
        self.target_groups = vocab("target_groups", "target_groups")
        self.forms = vocab("forms", "forms")
        self.intervention_types = vocab("intervention_types", "intervention_types", "source")
        self.organisation_kinds = vocab("organisation_kinds", "organisation_kinds")
        self.sources = vocab("source_documents", "sources", "sections")
        self.organisations = Vocab("organisations", {
            r["id"]: _decode(r, "aliases") for r in _rows(conn, "SELECT * FROM organisations ORDER BY name COLLATE NOCASE")})
        groups = defaultdict(list)
        for r in conn.execute("SELECT group_id, term FROM synonyms ORDER BY group_id, position"):
            groups[r[0]].append(r[1])
        self.synonyms = Synonyms(list(groups.values()))
        self.general_words = frozenset(general_key(r[0]) for r in conn.execute("SELECT word FROM general_words"))
        self.pages = {r["id"]: _decode(r, "themes", "sources")
                      for r in _rows(conn, "SELECT * FROM pages ORDER BY position, title")}
        # The long texts stay in SQLite (see full()); only what lists, facets and cards show is kept.
        columns = [c[1] for c in conn.execute("PRAGMA table_info(interventions)") if c[1] not in LONG_TEXTS]
        records = {r["id"]: r for r in _rows(
            conn, f"SELECT {', '.join(columns)} FROM interventions ORDER BY title COLLATE NOCASE")}
        for field, (table, column) in MANY_TO_MANY.items():
            grouped = defaultdict(list)
            for r in conn.execute(f"SELECT intervention_id, {column} FROM {table} ORDER BY intervention_id, position"):
                grouped[r[0]].append(r[1])
            for rid, rec in records.items():
                rec[field] = grouped.get(rid, [])
        for field, (table, columns) in RECORD_LISTS.items():
            grouped = defaultdict(list)
            for r in conn.execute(f"SELECT intervention_id, {', '.join(columns)} FROM {table} ORDER BY intervention_id, position"):
                grouped[r[0]].append(r[1] if len(columns) == 1 else {c: r[c] for c in columns if r[c] is not None})
            for rid, rec in records.items():
                rec[field] = grouped.get(rid, [])
        for rec in records.values():
            rec["facets"] = facet_defs.record_values(rec)
        self.records = records
        # Derived look-ups the pages need: who links to whom.
        self.referenced_by = defaultdict(list)
        self.page_records = defaultdict(list)
        for rec in records.values():
            for other in rec["related"]:
                self.referenced_by[other].append(rec["id"])
            for page in rec["guides"]:
                self.page_records[page].append(rec["id"])

    def _db(self) -> sqlite3.Connection:
        """This thread's read-only connection, for the long texts."""
        conn = getattr(self._local, "db", None)
        if conn is None:
            conn = self._local.db = sqlite3.connect(f"file:{self.path / builder.DB_NAME}?mode=ro", uri=True)
        return conn

    def descriptions(self, ids=None) -> dict[str, str]:
        """id -> description (Markdown) for the given ids, or for every record."""
        if ids is None:
            return dict(self._db().execute("SELECT id, description FROM interventions"))
        ids = list(ids)
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):  # SQLite's limit on parameters
            chunk = ids[i:i + 500]
            out.update(self._db().execute(
                f"SELECT id, description FROM interventions WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def full(self, rec: dict) -> dict:
        """The record with its description and rendered description, for its own page and the API."""
        row = self._db().execute("SELECT description, description_html FROM interventions WHERE id = ?",
                                 (rec["id"],)).fetchone()
        return {**rec, "description": row[0], "description_html": row[1]}

    def full_records(self):
        """Every record with its description, in title order (for the full exports)."""
        texts = self.descriptions()
        for rec in self.records.values():
            yield {**rec, "description": texts[rec["id"]]}

    def vocab(self, name: str) -> Vocab:
        return getattr(self, name)

    def record(self, rid: str) -> dict | None:
        return self.records.get(rid)

    def related(self, rec: dict) -> list[dict]:
        """Records this one names as related, and those that name it."""
        ids = list(dict.fromkeys(rec["related"] + self.referenced_by.get(rec["id"], [])))
        return [self.records[i] for i in ids if i in self.records]

    def similar(self, rec: dict, n: int = 4) -> list[dict]:
        """'Meer zoals dit': records close in text and sharing tags, best first."""
        searcher = self.searcher()
        docnum = searcher.document_number(id=rec["id"])
        text_scores: dict = {}
        if docnum is not None:
            description = rec["description"] if "description" in rec else self.full(rec)["description"]
            for field, text in (("description", plain_text(description)), ("summary", rec["summary"])):
                for hit in searcher.more_like(docnum, field, text=text, top=30, numterms=12):
                    text_scores[hit["id"]] = text_scores.get(hit["id"], 0) + hit.score
        top = max(text_scores.values(), default=0) or 1
        mine = rec["facets"]
        scored = []
        for rid in set(text_scores) | set(rec["related"]) | set(self.referenced_by.get(rec["id"], [])):
            other = self.records.get(rid)
            if other is None or rid == rec["id"]:
                continue
            theirs = other["facets"]
            shared = (2 * len(set(mine["subthema"]) & set(theirs["subthema"]))
                      + (mine["type"] == theirs["type"]) + 0.5 * (mine["keten"] == theirs["keten"])
                      + len((set(mine["sector"]) & set(theirs["sector"])) - {"sectoroverstijgend"})
                      + len(set(mine["organisatie"]) & set(theirs["organisatie"])))
            scored.append((3 * text_scores.get(rid, 0) / top + shared, other["title"].lower(), other))
        scored.sort(key=lambda t: (-t[0], t[1]))
        return [other for _, _, other in scored[:n]]

    def recent(self, n: int = 6) -> list[dict]:
        return sorted(self.records.values(), key=lambda r: (r.get("added") or "", r["title"]), reverse=True)[:n]

    def match(self, wq) -> dict[int, float]:
        """{document number: score} of the records a text query matches."""
        return self._term_scores.evaluate(self.searcher(), wq)

    def searcher(self):
        """This thread's searcher: opened once per thread and reused across requests."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._local.searcher = self.index.searcher()
            self._searchers.append(searcher)
        return searcher

    def close(self) -> None:
        for searcher in self._searchers:
            searcher.close()
        self.index.close()
