"""Performance benchmark (issue 10): one run, one machine, one Markdown report.

For each catalogue size (the real catalogue, and synthetic catalogues of 1k, 10k and 50k records
made from the real records) it measures:

1. build time (`kb build` as a subprocess, wall clock and peak memory);
2. in-process latency (p50/p95/p99) of a fixed mix of 20 searches: the full search page and the
   JSON API through Flask's test client, our search function alone, and a small SQLite FTS5
   reference (FTS5 with the default tokenizer plus facet counts with GROUP BY on the build's
   many-to-many tables);
3. throughput and latency under concurrent load over loopback (threads + keep-alive
   http.client, bounded in time) of our gunicorn server (`python -m kb serve --workers 2`) and of
   Datasette serving the same SQLite database with the equivalent faceted queries;
4. resident memory per gunicorn worker after the load;

and reports the targets of issue 10 as met / not met.

    python -m kb.bench                       # real,1k,10k,50k, 10 s of load per target
    python -m kb.bench --quick               # real,1k, 3 s of load: a smoke run
    python -m kb.bench --sizes real,10k --duration 5 --output docs/performance-report.md

Every subprocess is bounded in time and terminated in a `finally`; every temporary file lives in
one folder under the system temp dir that is removed at the end (unless --keep).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import http.client
import json
import os
import platform
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import yaml

from kb import paths

SIZES = {"real": None, "1k": 1_000, "10k": 10_000, "50k": 50_000}
DEFAULT_SIZES = ("real", "1k", "10k", "50k")
QUICK_SIZES = ("real", "1k")
CONCURRENCY = 8
WORKERS = 2
PER_PAGE = 20
BUILD_TIMEOUT = 3600  # s; a build slower than this is reported as such, not waited for
SERVER_START_TIMEOUT = 300  # s; the 50k store takes a while to load in a worker
HTTP_TIMEOUT = 120  # s per request in the load generator

# The targets of issue 10.
TARGET_PAGE_REAL_P95_MS = 15.0
TARGET_PAGE_10K_P95_MS = 60.0
TARGET_THROUGHPUT_RATIO = 2.0
TARGET_BUILD_REAL_S = 3.0
TARGET_RSS_MB = 150.0



class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """YAML as an editor writes it: multi-line text as a literal block."""


def _str_representer(dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str_representer)


class BenchError(RuntimeError):
    pass


# -- statistics ----------------------------------------------------------------------------------
def percentile(values, p: float) -> float:
    """The p-th percentile (0-100) with linear interpolation between closest ranks (as numpy's
    default); NaN for no values."""
    data = sorted(values)
    if not data:
        return float("nan")
    if not 0 <= p <= 100:
        raise ValueError("p must be between 0 and 100")
    k = (len(data) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def summary_ms(seconds: list) -> dict:
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "p50": percentile(ms, 50), "p95": percentile(ms, 95), "p99": percentile(ms, 99),
            "max": max(ms) if ms else float("nan")}


# -- catalogues ----------------------------------------------------------------------------------
def _remove_broken(root: Path, max_passes: int = 5) -> list[str]:
    """Drop interventions/organisations/pages that do not validate (the catalogue is being edited
    while we measure); return their relative paths. Raises when the vocabularies are broken."""
    from kb import validation

    removed: list[str] = []
    for _ in range(max_passes):
        _, problems = validation.load(root)
        if not problems:
            return removed
        removable = {validation.INTERVENTIONS_DIR, validation.ORGANISATIONS_DIR, validation.PAGES_DIR}
        bad = set()
        for problem in problems:
            path = Path(problem.path)
            try:
                rel = path.resolve().relative_to(root.resolve())
            except ValueError:
                rel = path
            if rel.parts and rel.parts[0] in removable and path.exists():
                bad.add(path)
            else:
                raise BenchError(f"De catalogus kan niet worden gebouwd: {problem.format()}")
        for path in sorted(bad):
            removed.append(str(path.resolve().relative_to(root.resolve())))
            path.unlink()
    raise BenchError("De catalogus blijft fouten geven na het weghalen van de kapotte bestanden.")


def _drop_dangling_references(root: Path) -> list[str]:
    """Records written while we copy may name related records or pages that do not exist yet: drop
    those references (in the copy) rather than the whole record."""
    from kb import validation

    records = {p.stem for p in (root / validation.INTERVENTIONS_DIR).glob("*.yaml")}
    pages = {p.stem for p in (root / validation.PAGES_DIR).glob("*.md")}
    _, problems = validation.load(root)
    changed = []
    for path in sorted({Path(p.path) for p in problems}):
        if path.parent.name != validation.INTERVENTIONS_DIR or path.suffix != ".yaml" or not path.exists():
            continue
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        if not isinstance(data, dict):
            continue
        touched = False
        for key, known in (("related", records), ("guides", pages)):
            values = data.get(key)
            if isinstance(values, list) and any(v not in known for v in values):
                data[key] = [v for v in values if v in known]
                touched = True
        if touched:
            path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100),
                            encoding="utf-8")
            changed.append(str(path.relative_to(root)))
    return changed


def snapshot_catalogue(src: Path, dest: Path) -> dict:
    """Copy the catalogue as it is now (others may be writing it) and keep only what validates:
    dangling 'related'/'guides' references are dropped, records that still fail are left out."""
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    repaired = _drop_dangling_references(dest)
    removed = _remove_broken(dest)
    from kb import validation

    cat, _ = validation.load(dest)
    return {"records": len(cat.records), "removed": removed, "repaired": repaired}


_TITLE_VARIANTS = ("regio Noord", "regio Zuid", "regio Oost", "regio West", "voor het mkb", "praktijkversie",
                   "online", "voor teams", "sectorversie", "editie", "verkort", "plus")
_FALLBACK_RECORD = {
    "id": "voorbeeldscan", "title": "Voorbeeldscan werkvermogen",
    "summary": "Een korte vragenlijst waarmee werkgever en werknemer samen het werkvermogen in beeld brengen.",
    "description": "Met de scan brengen werkgever en werknemer samen in kaart hoe het staat met werkdruk, fysieke "
                   "belasting, loopbaan en scholing.\n\nDe uitkomst is een gesprek over wat nodig is om gezond en "
                   "met plezier te blijven werken.\n",
    "themes": ["veilig-gezond-vitaal"], "subthemes": ["veilig-werken"], "chain_category": "B",
    "chain_category_origin": "redactie", "intervention_type": "scan", "sectors": ["sectoroverstijgend"],
    "target_groups": ["werkgevers"], "sources": [{"document": "quickscan", "section": "2.4"}],
}


def _source_record(rec: dict) -> dict:
    """A checked record back in the shape of its YAML file."""
    out = {k: v for k, v in rec.items() if k not in ("form", "path") and v not in (None, "", [])}
    evidence = out.get("evidence")
    if evidence and evidence.get("level") == "niet-beoordeeld" and not evidence.get("basis"):
        out.pop("evidence")
    elif evidence and not evidence.get("basis"):
        evidence.pop("basis", None)
    return out


def make_synthetic(src: Path, dest: Path, n: int, seed: int = 10) -> dict:
    """A catalogue of n records in dest made from the (valid) catalogue in src.

    Records are copied cyclically with new ids '<id>-s<round>', slightly varied titles, and themes,
    sectors, target groups, chain categories and types spread over the vocabularies (so facet counts
    look like a real catalogue's, not like n copies of the same few tags); each description gets a
    sentence from its (new) subtheme's vocabulary text so single-word searches find a realistic
    share. Vocabularies, organisations, knowledge-base pages and synonyms are copied unchanged.
    """
    from kb import validation

    src, dest = Path(src), Path(dest)
    cat, problems = validation.load(src)
    if problems:
        raise BenchError(f"De broncatalogus {src} heeft fouten; maak eerst een snapshot ({problems[0].format()}).")
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("vocabularies", "organisaties", "kennisbank"):
        if (src / name).is_dir():
            shutil.copytree(src / name, dest / name, dirs_exist_ok=True)
    if (src / "synonyms.yaml").exists():
        shutil.copy(src / "synonyms.yaml", dest / "synonyms.yaml")
    out_dir = dest / validation.INTERVENTIONS_DIR
    out_dir.mkdir(exist_ok=True)

    vocab = cat.vocab
    base = [_source_record(r) for r in cat.records.values()]
    if not base:
        fallback = dict(_FALLBACK_RECORD)
        fallback["subthemes"] = [next(iter(vocab.subthemes.terms))]
        fallback["themes"] = [vocab.theme_of_subtheme(fallback["subthemes"][0])]
        fallback["intervention_type"] = next(iter(vocab.intervention_types.terms))
        fallback["sources"] = [{"document": d.id, "section": (d.get("sections") or [{"id": "1"}])[0]["id"]}
                               for d in list(vocab.sources)[:1]]
        base = [fallback]
    rng = random.Random(seed)
    subthemes = list(vocab.subthemes)
    sectors = vocab.sectors.ids()
    specific_sectors = [s for s in sectors if s != "sectoroverstijgend"] or sectors
    target_groups = vocab.target_groups.ids()
    chains = vocab.chain_categories.ids()
    types = vocab.intervention_types.ids()
    first_day = dt.date(2020, 1, 1)
    effect_claim = validation._EFFECT_CLAIM
    ids = {f"{base[i % len(base)]['id']}-s{i // len(base)}" for i in range(n)}
    for i in range(n):
        rnd = i // len(base)
        rec = json.loads(json.dumps(base[i % len(base)]))  # deep copy
        rid = f"{rec['id']}-s{rnd}"
        variant = f"{rng.choice(_TITLE_VARIANTS)} {rnd}"
        rec["id"] = rid
        rec["title"] = f"{rec['title'][:160 - len(variant) - 3]} ({variant})"
        if rng.random() < 0.6:  # new tags; otherwise keep the real ones (text and tags stay plausible)
            chosen = rng.sample(subthemes, k=min(len(subthemes), rng.choice((1, 1, 2, 2, 3))))
            rec["subthemes"] = [s.id for s in chosen]
            rec["themes"] = list(dict.fromkeys(s.get("theme") for s in chosen))
            if rng.random() < 0.5:
                rec["chain_category"] = rng.choice(chains)
                rec["chain_category_origin"] = "redactie"
            if rng.random() < 0.3:
                rec["intervention_type"] = rng.choice(types)
        if rng.random() < 0.3:
            rec["sectors"] = ["sectoroverstijgend"] if "sectoroverstijgend" in sectors else [sectors[0]]
        else:
            rec["sectors"] = rng.sample(specific_sectors, k=min(len(specific_sectors), rng.choice((1, 1, 2, 3))))
        rec["target_groups"] = rng.sample(target_groups, k=min(len(target_groups), rng.choice((1, 2, 2, 3))))
        sub = vocab.subthemes[rec["subthemes"][0]]
        extra = f"Deze variant ({variant}) gaat vooral over {sub.label.lower()}. {sub.description}".strip()
        if not effect_claim.search(extra):
            rec["description"] = rec["description"].rstrip() + "\n\n" + extra + "\n"
        if rec.get("related"):
            rec["related"] = [f"{r}-s{rnd}" for r in rec["related"] if f"{r}-s{rnd}" in ids and f"{r}-s{rnd}" != rid]
            if not rec["related"]:
                rec.pop("related")
        day = first_day + dt.timedelta(days=rng.randrange(0, 2500))
        rec["added"] = day.isoformat()
        rec["last_reviewed"] = day.isoformat()
        text = yaml.dump(rec, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        (out_dir / f"{rid}.yaml").write_text(text, encoding="utf-8")
    return {"records": n, "from": len(base)}


# -- the fixed query mix -------------------------------------------------------------------------
@dataclass
class Query:
    label: str
    params: list  # [(name, value)] as on our search page

    def path(self, base: str) -> str:
        return base + ("?" + urlencode(self.params) if self.params else "")

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.params if k == name), None)


def query_mix(catalogue: Path) -> list[Query]:
    """20 searches: empty, single words, two words, each filter alone and with a query, page 2,
    sort by title. Filter values come from the catalogue's vocabularies (preferring common ones)."""
    from kb import validation

    vocab = validation._load_vocabularies(validation._Checker(catalogue), catalogue)

    def pick(name: str, preferred: tuple, n: int = 0) -> str:
        ids = vocab.by_name[name].ids()
        found = [p for p in preferred if p in ids] + [i for i in ids if i not in preferred]
        return found[min(n, len(found) - 1)]

    theme = pick("themes", ("veilig-gezond-vitaal",))
    theme2 = pick("themes", ("leven-lang-ontwikkelen", "goed-werkgeverschap"))
    chain_b = pick("chain_categories", ("B",))
    chain_c = pick("chain_categories", ("C",))
    sector = pick("sectors", ("bouw-en-infra",))
    sector2 = pick("sectors", ("zorg-en-welzijn",))
    group = pick("target_groups", ("werkgevers",))
    group2 = pick("target_groups", ("werknemers", "oudere-werknemers"))
    return [
        Query("leeg", []),
        Query("q=werkdruk", [("q", "werkdruk")]),
        Query("q=scan", [("q", "scan")]),
        Query("q=tillen", [("q", "tillen")]),
        Query("q=loopbaan", [("q", "loopbaan")]),
        Query("q=vitaliteit", [("q", "vitaliteit")]),
        Query("q=werkdruk zorg", [("q", "werkdruk zorg")]),
        Query("q=fysieke belasting", [("q", "fysieke belasting")]),
        Query("q=duurzame inzetbaarheid", [("q", "duurzame inzetbaarheid")]),
        Query(f"thema={theme}", [("thema", theme)]),
        Query(f"keten={chain_b}", [("keten", chain_b)]),
        Query(f"sector={sector}", [("sector", sector)]),
        Query(f"doelgroep={group}", [("doelgroep", group)]),
        Query(f"thema+keten+sector", [("thema", theme2), ("keten", chain_c), ("sector", sector2)]),
        Query(f"q=scan + thema={theme}", [("q", "scan"), ("thema", theme)]),
        Query(f"q=loopbaan + doelgroep={group2}", [("q", "loopbaan"), ("doelgroep", group2)]),
        Query(f"q=werkdruk + sector + keten", [("q", "werkdruk"), ("sector", sector), ("keten", chain_b)]),
        Query("pagina=2", [("pagina", "2")]),
        Query("sorteer=titel", [("sorteer", "titel")]),
        Query("q=training, titel, pagina=2", [("q", "training"), ("sorteer", "titel"), ("pagina", "2")]),
    ]


# -- the SQLite FTS5 reference -------------------------------------------------------------------
# Facet parameter -> where its values live in the build's database: a column of interventions, or
# a link table (many-to-many) and its value column.
SQL_FACETS = {
    "thema": ("m2m", "intervention_themes", "theme_id"),
    "subthema": ("m2m", "intervention_subthemes", "subtheme_id"),
    "keten": ("column", "chain_category", None),
    "sector": ("m2m", "intervention_sectors", "sector_id"),
    "doelgroep": ("m2m", "intervention_target_groups", "target_group_id"),
    "vorm": ("column", "form", None),
    "organisatie": ("m2m", "intervention_organisations", "organisation_id"),
    "bron": ("m2m", "citations", "document"),
    "type": ("column", "intervention_type", None),
}


class FtsReference:
    """What plain SQLite does with the same data: an FTS5 table (default unicode61 tokenizer) over
    title, summary and description, filters as IN-subqueries on the link tables, and disjunctive
    facet counts (each facet counted over the results filtered by the other facets, as ours) with
    one GROUP BY per facet. Works on a copy of the build's catalogue.db."""

    def __init__(self, build_db: Path, work_db: Path):
        shutil.copy(build_db, work_db)
        self.conn = sqlite3.connect(str(work_db), check_same_thread=False)
        c = self.conn
        c.execute("CREATE VIRTUAL TABLE ref_fts USING fts5(title, summary, description, "
                  "content='interventions', content_rowid='rowid')")
        c.execute("INSERT INTO ref_fts(ref_fts) VALUES('rebuild')")
        for param, (kind, table, column) in SQL_FACETS.items():
            if kind == "m2m":
                c.execute(f"CREATE INDEX IF NOT EXISTS ref_{table}_{column} ON {table}({column}, intervention_id)")
            else:
                c.execute(f"CREATE INDEX IF NOT EXISTS ref_interventions_{table} ON interventions({table})")
        c.execute("CREATE TEMP TABLE ref_hits (rid INTEGER PRIMARY KEY, score REAL)")
        c.commit()
        c.execute("ANALYZE")

    @staticmethod
    def match_expression(q: str) -> str:
        words = re.findall(r"\w+", q)
        return " ".join('"' + w.replace('"', '""') + '"' for w in words)

    @staticmethod
    def _where(filters: dict, skip: str | None = None):
        sql, args = [], []
        for param, values in filters.items():
            if param == skip or not values:
                continue
            kind, table, column = SQL_FACETS[param]
            marks = ",".join("?" * len(values))
            if kind == "column":
                sql.append(f"i.{table} IN ({marks})")
            else:
                sql.append(f"i.id IN (SELECT intervention_id FROM {table} WHERE {column} IN ({marks}))")
            args += list(values)
        return sql, args

    def search(self, params: list, per_page: int = PER_PAGE) -> dict:
        q = next((v for k, v in params if k == "q"), "")
        sort = next((v for k, v in params if k == "sorteer"), "")
        try:
            page = max(1, int(next((v for k, v in params if k == "pagina"), "1")))
        except ValueError:
            page = 1
        filters: dict = {}
        for k, v in params:
            if k in SQL_FACETS and v not in filters.setdefault(k, []):
                filters[k].append(v)
        c = self.conn
        expression = self.match_expression(q) if q else ""
        source = "interventions i"
        if expression:
            c.execute("DELETE FROM ref_hits")
            c.execute("INSERT INTO ref_hits SELECT rowid, bm25(ref_fts) FROM ref_fts WHERE ref_fts MATCH ?",
                      (expression,))
            source = "interventions i JOIN ref_hits h ON h.rid = i.rowid"
        where, args = self._where(filters)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        total = c.execute(f"SELECT count(*) FROM {source}{clause}", args).fetchone()[0]
        pages = max(1, -(-total // per_page))
        page = min(page, pages)
        if expression and sort in ("", "relevantie"):
            order = "h.score, i.title COLLATE NOCASE"
        elif sort == "recent":
            order = "i.added DESC, i.title COLLATE NOCASE"
        else:
            order = "i.title COLLATE NOCASE"
        rows = c.execute(f"SELECT i.id, i.title, i.summary FROM {source}{clause} ORDER BY {order} LIMIT ? OFFSET ?",
                         args + [per_page, (page - 1) * per_page]).fetchall()
        facets = {}
        for param, (kind, table, column) in SQL_FACETS.items():
            fwhere, fargs = self._where(filters, skip=param)
            fclause = (" WHERE " + " AND ".join(fwhere)) if fwhere else ""
            if kind == "column":
                sql = f"SELECT i.{table}, count(*) FROM {source}{fclause} GROUP BY i.{table}"
            else:
                sql = (f"SELECT m.{column}, count(DISTINCT i.id) FROM {source} JOIN {table} m "
                       f"ON m.intervention_id = i.id{fclause} GROUP BY m.{column}")
            facets[param] = {value: n for value, n in c.execute(sql, fargs) if value is not None}
        return {"total": total, "page": page, "pages": pages, "ids": [r[0] for r in rows], "facets": facets}

    def close(self) -> None:
        self.conn.close()


# -- Datasette's copy of the database ------------------------------------------------------------
# Facet parameter -> (Datasette facet type, column) in the Datasette copy, where the link tables
# are also present as JSON array columns on interventions (Datasette 0.65 facets are 'column',
# 'array' and 'date'; many-to-many facets need a plugin, arrays are the built-in equivalent).
DATASETTE_FACETS = {
    "thema": ("array", "themes"), "subthema": ("array", "subthemes"), "keten": ("column", "chain_category"),
    "sector": ("array", "sectors"), "doelgroep": ("array", "target_groups"), "vorm": ("column", "form"),
    "organisatie": ("array", "organisations"), "bron": ("array", "documents"),
    "type": ("column", "intervention_type"),
}
DATASETTE_COLUMNS = ("title", "summary", "chain_category", "intervention_type", "form", "added", "themes",
                     "subthemes", "sectors", "target_groups", "organisations")
DATASETTE_SETTINGS = (("suggest_facets", "off"), ("facet_time_limit_ms", "30000"), ("sql_time_limit_ms", "30000"),
                      ("default_facet_size", "100"))


def datasette_database(build_db: Path, dest: Path) -> Path:
    """A copy of the build's database with FTS5 on interventions (sqlite-utils) and JSON array
    columns for the many-to-many facets."""
    import sqlite_utils

    shutil.copy(build_db, dest)
    db = sqlite_utils.Database(dest)
    for param, (kind, column) in DATASETTE_FACETS.items():
        if kind != "array":
            continue
        _, table, value = SQL_FACETS[param]
        db["interventions"].add_column(column, str)
        db.execute(f"UPDATE interventions SET {column} = (SELECT json_group_array({value}) FROM "
                   f"(SELECT DISTINCT {value} FROM {table} WHERE intervention_id = interventions.id ORDER BY position))")
    db["interventions"].enable_fts(["title", "summary", "description"], fts_version="FTS5", create_triggers=False)
    db.conn.commit()
    db.execute("VACUUM")
    db.close()
    return dest


def datasette_path(query: Query, next_token: str | None = None) -> str:
    out = [("_size", str(PER_PAGE)), ("_facet_size", "max")] + [("_col", c) for c in DATASETTE_COLUMNS]
    for param, (kind, column) in DATASETTE_FACETS.items():
        out.append(("_facet" if kind == "column" else "_facet_array", column))
    q = query.get("q")
    if q:
        out.append(("_search", q))
    for name, value in query.params:
        if name in DATASETTE_FACETS:
            kind, column = DATASETTE_FACETS[name]
            out.append((f"{column}__arraycontains" if kind == "array" else f"{column}__exact", value))
    if not q or query.get("sorteer") == "titel":
        out.append(("_sort", "title"))
    if next_token:
        out.append(("_next", next_token))
    return "/catalogue/interventions.json?" + urlencode(out)


# -- processes and HTTP --------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


class Server:
    """A server subprocess on a loopback port: started, waited for, always terminated."""

    def __init__(self, name: str, argv: list, port: int, ready_path: str, log: Path, env: dict | None = None):
        self.name, self.argv, self.port, self.ready_path, self.log = name, argv, port, ready_path, log
        self.env = env
        self.proc: subprocess.Popen | None = None
        self._log_file = None
        self._children: set = set()

    def __enter__(self):
        self._log_file = open(self.log, "wb")
        self.proc = subprocess.Popen(self.argv, stdout=self._log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     env=self.env, cwd=str(paths.ROOT), start_new_session=True)
        try:
            self._wait_ready()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                raise BenchError(f"{self.name} stopte direct (code {self.proc.returncode}); zie {self.log}:\n"
                                 + self.log.read_text(errors="replace")[-2000:])
            try:
                status, _ = http_get(self.port, self.ready_path, timeout=SERVER_START_TIMEOUT)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise BenchError(f"{self.name} antwoordde niet binnen {SERVER_START_TIMEOUT} s; zie {self.log}")
            time.sleep(0.2)

    def children(self) -> list[int]:
        """Pids of the server's worker processes (direct children)."""
        pids = []
        try:
            for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
                pids += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
        self._children.update(pids)
        return pids

    def __exit__(self, *exc):
        self.children()
        try:
            if self.proc is not None and self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=10)
        finally:
            for pid in self._children:  # workers left behind by a killed master: ours, by pid
                try:
                    os.kill(pid, 9)
                except OSError:
                    pass
            if self._log_file:
                self._log_file.close()
        return False


def rss_mb(pid: int) -> dict:
    """Resident (RSS), proportional (PSS: shared pages divided among the processes that map them)
    and unique (USS) memory of one process in MB (psutil; RSS only from /proc without it)."""
    out = {"rss": float("nan"), "pss": float("nan"), "uss": float("nan")}
    try:
        import psutil

        info = psutil.Process(pid).memory_full_info()
        out.update(rss=info.rss / 2**20, pss=getattr(info, "pss", float("nan")) / 2**20, uss=info.uss / 2**20)
    except ImportError:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                out["rss"] = int(line.split()[1]) / 1024
    except Exception:  # the process went away
        pass
    return out


@dataclass
class LoadResult:
    target: str
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list = field(default_factory=list)
    statuses: dict = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def load_test(target: str, port: int, paths_: list, duration: float, concurrency: int = CONCURRENCY) -> LoadResult:
    """Concurrent keep-alive GETs over loopback for `duration` seconds: each thread walks the mix
    from its own offset; requests started before the deadline are finished and counted."""
    result = LoadResult(target)
    lock = threading.Lock()
    barrier = threading.Barrier(concurrency + 1)
    ends: list = []
    start_box: list = []

    def worker(k: int) -> None:
        lat, errors, statuses, last = [], 0, {}, 0.0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT)
        i = k * 3
        barrier.wait()
        deadline = start_box[0] + duration
        try:
            while time.perf_counter() < deadline:
                path = paths_[i % len(paths_)]
                i += 1
                t0 = time.perf_counter()
                try:
                    conn.request("GET", path)
                    resp = conn.getresponse()
                    resp.read()
                    t1 = time.perf_counter()
                    statuses[resp.status] = statuses.get(resp.status, 0) + 1
                    if resp.status == 200:
                        lat.append(t1 - t0)
                    else:
                        errors += 1
                    if resp.will_close:
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT)
                except (OSError, http.client.HTTPException):
                    errors += 1
                    statuses["exception"] = statuses.get("exception", 0) + 1
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT)
                last = time.perf_counter()
        finally:
            conn.close()
            with lock:
                result.latencies += lat
                result.errors += errors
                result.requests += len(lat) + errors
                for s, n in statuses.items():
                    result.statuses[s] = result.statuses.get(s, 0) + n
                ends.append(last)

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(concurrency)]
    for t in threads:
        t.start()
    start_box.append(time.perf_counter() + 0.05)
    barrier.wait()
    for t in threads:
        t.join(timeout=duration + HTTP_TIMEOUT + 10)
    result.seconds = max([e for e in ends if e] or [start_box[0]]) - start_box[0]
    return result


# -- measuring one size --------------------------------------------------------------------------
def timed_build(catalogue: Path, instance: Path, log: Path) -> dict:
    """`python -m kb build` as a subprocess: wall clock, the build's own seconds, peak RSS."""
    argv = [sys.executable, "-m", "kb", "--catalogue", str(catalogue), "build", "--instance", str(instance)]
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=str(paths.ROOT))
        try:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    proc.returncode = os.waitstatus_to_exitcode(status)
                    break
                if time.perf_counter() - t0 > BUILD_TIMEOUT:
                    raise BenchError(f"de bouw duurde langer dan {BUILD_TIMEOUT} s en is gestopt")
                time.sleep(0.05)
        finally:
            if proc.returncode is None:
                proc.kill()
                proc.wait()
        wall = time.perf_counter() - t0
    text = log.read_text(errors="replace")
    if proc.returncode != 0:
        raise BenchError(f"kb build faalde (code {proc.returncode}):\n{text[-2000:]}")
    m = re.search(r"\((\d+) interventies, ([\d.]+) s\)", text)
    return {"wall": wall, "internal": float(m.group(2)) if m else float("nan"),
            "records": int(m.group(1)) if m else None, "peak_rss": usage.ru_maxrss / 1024}


def _time_mix(fn, queries: list, budget: float, min_rounds: int = 3, max_rounds: int = 50) -> dict:
    """Run every query once to warm up, then rounds of the whole mix until the time budget is used
    (at least min_rounds). Returns all latencies, per-query latencies and the error count."""
    errors = 0
    first = []  # the first pass: nothing cached yet (per-word scores, snippets, templates)
    for q in queries:
        t0 = time.perf_counter()
        fn(q)
        first.append(time.perf_counter() - t0)
    per_query = {q.label: [] for q in queries}
    every = []
    started = time.perf_counter()
    rounds = 0
    while rounds < min_rounds or (rounds < max_rounds and time.perf_counter() - started < budget):
        for q in queries:
            t0 = time.perf_counter()
            ok = fn(q)
            elapsed = time.perf_counter() - t0
            if ok:
                per_query[q.label].append(elapsed)
                every.append(elapsed)
            else:
                errors += 1
        rounds += 1
    return {"all": every, "per_query": per_query, "errors": errors, "rounds": rounds, "first": first}


def measure_inprocess(catalogue: Path, instance: Path, queries: list, budget: float, work: Path) -> dict:
    from werkzeug.datastructures import MultiDict

    from app import create_app
    from kb import search

    app = create_app({"INSTANCE": str(instance), "CATALOGUE": str(catalogue), "BUILD_ON_START": False})
    client = app.test_client()
    store = app.extensions["kb_store"].get()

    def page(q):
        r = client.get(q.path("/interventies"))
        r.get_data()
        return r.status_code == 200

    def api(q):
        r = client.get(q.path("/api/v1/interventies"))
        r.get_data()
        return r.status_code == 200

    def core(q):
        result = search.search(store, search.parse_args(MultiDict(q.params), store))
        return result is not None

    t0 = time.perf_counter()
    ref = FtsReference(store.path / "catalogue.db", work / "fts-reference.db")
    ref_setup = time.perf_counter() - t0

    def fts(q):
        return ref.search(q.params) is not None

    out = {}
    try:
        for name, fn in (("page", page), ("api", api), ("core", core), ("fts5", fts)):
            out[name] = _time_mix(fn, queries, budget)
        out["fts5_setup"] = ref_setup
        out["totals"] = {q.label: (search.search(store, search.parse_args(MultiDict(q.params), store)).total,
                                   ref.search(q.params)["total"]) for q in queries}
    finally:
        ref.close()
        store.close()
        del app, client, store
        gc.collect()
    return out


def measure_servers(catalogue: Path, instance: Path, queries: list, duration: float, work: Path,
                    datasette: bool) -> dict:
    out: dict = {}
    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    argv = [sys.executable, "-m", "kb", "--catalogue", str(catalogue), "serve", "--workers", str(WORKERS),
            "--port", str(port), "--instance", str(instance)]
    warm = min(duration, 5.0)
    api_paths = [q.path("/api/v1/interventies") for q in queries]
    page_paths = [q.path("/interventies") for q in queries]
    with Server("gunicorn (kb serve)", argv, port, "/api/v1/interventies", work / "gunicorn.log", env) as server:
        load_test("warm-up", port, api_paths + page_paths, warm)
        out["ours_api"] = load_test("ours: /api/v1/interventies", port, api_paths, duration)
        out["ours_page"] = load_test("ours: /interventies (HTML)", port, page_paths, duration)
        workers = server.children()
        out["workers"] = [rss_mb(pid) for pid in workers]
        out["master"] = rss_mb(server.proc.pid)
    if not datasette:
        return out
    db = datasette_database(instance / "builds" / builder_current(instance) / "catalogue.db", work / "catalogue.db")
    port = free_port()
    argv = [sys.executable, "-m", "datasette", "serve", "-i", str(db), "-h", "127.0.0.1", "-p", str(port)]
    for name, value in DATASETTE_SETTINGS:
        argv += ["--setting", name, value]
    with Server("Datasette", argv, port, "/-/versions.json", work / "datasette.log", env) as server:
        ds_paths, timed_out, problems = [], set(), []
        for q in queries:
            token = None
            if q.get("pagina") and int(q.get("pagina")) > 1:
                first = Query(q.label, [(k, v) for k, v in q.params if k != "pagina"])
                status, body = http_get(port, datasette_path(first), timeout=HTTP_TIMEOUT)
                token = json.loads(body).get("next") if status == 200 else None
            path = datasette_path(q, token)
            status, body = http_get(port, path, timeout=HTTP_TIMEOUT)
            if status != 200:
                problems.append(f"{q.label}: HTTP {status}")
            else:  # a facet that timed out (or failed) is missing from facet_results
                returned = set(json.loads(body).get("facet_results") or {})
                timed_out.update(c for _, c in DATASETTE_FACETS.values() if c not in returned)
            ds_paths.append(path)
        out["datasette_problems"] = problems
        out["datasette_timed_out"] = sorted(timed_out)
        out["datasette_example"] = ds_paths[13]
        load_test("warm-up", port, ds_paths, warm)
        out["datasette"] = load_test("Datasette: interventions.json", port, ds_paths, duration)
        out["datasette_rss"] = rss_mb(server.proc.pid)
    return out


def builder_current(instance: Path) -> str:
    return (instance / "current").read_text(encoding="utf-8").strip()


# -- the report ----------------------------------------------------------------------------------
def machine_info() -> dict:
    info = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "sqlite": sqlite3.sqlite_version}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gb"] = int(line.split()[1]) / 2**20
    except OSError:
        pass
    from importlib import metadata

    info["versions"] = {}
    for pkg in ("flask", "whoosh", "gunicorn", "sqlite-utils", "datasette", "psutil"):
        try:
            info["versions"][pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            info["versions"][pkg] = "niet geïnstalleerd"
    return info


def _f(x, digits=1) -> str:
    return "–" if x is None or x != x else f"{x:.{digits}f}"


def _verdict(ok) -> str:
    """met / not met; for a target measured at several sizes ({size: bool}) say where."""
    if isinstance(ok, dict):
        if not ok:
            return "not measured"
        if all(ok.values()) or not any(ok.values()):
            return _verdict(all(ok.values()))
        return (f"**met** at {', '.join(s for s, v in ok.items() if v)}; "
                f"**not met** at {', '.join(s for s, v in ok.items() if not v)}")
    return "not measured" if ok is None else ("**met**" if ok else "**not met**")


def render_report(results: dict, machine: dict, settings: dict) -> str:
    sizes = list(results)
    lines = [
        "# Performance report",
        "",
        f"Generated by `python -m kb.bench` on {settings['started']} in {settings['elapsed']:.0f} s. "
        f"Sizes: {', '.join(sizes)}; load {settings['duration']:g} s per target at concurrency {CONCURRENCY}; "
        f"in-process budget {settings['budget']:g} s per mode.",
        "",
        f"Machine: {machine.get('cpus')} CPU(s) ({machine.get('cpu', '?')}), {_f(machine.get('memory_gb'))} GB RAM, "
        f"Python {machine['python']}, SQLite {machine['sqlite']}, {machine['platform']}. "
        + ", ".join(f"{k} {v}" for k, v in machine["versions"].items()) + ".",
        "",
    ]
    # Catalogues and builds.
    lines += ["## Catalogues and build", "",
              "| size | records | generated in (s) | `kb build` wall (s) | build itself (s) | build peak RSS (MB) |",
              "|---|---:|---:|---:|---:|---:|"]
    for size, r in results.items():
        b = r.get("build") or {}
        lines.append(f"| {size} | {r.get('records', '–')} | {_f(r.get('generated'), 1)} | {_f(b.get('wall'), 2)} | "
                     f"{_f(b.get('internal'), 2)} | {_f(b.get('peak_rss'), 0)} |")
    repaired = results.get("real", {}).get("repaired")
    if repaired:
        lines += ["", f"{len(repaired)} real record(s) named related records or pages that did not exist yet at the "
                  "time of the run; those references were dropped in the copy: "
                  + ", ".join(f"`{p}`" for p in repaired) + "."]
    removed = results.get("real", {}).get("removed")
    if removed:
        lines += ["", f"Left out of the real catalogue because they did not validate at the time of the run: "
                  + ", ".join(f"`{p}`" for p in removed) + "."]
    lines.append("")
    # In-process latency.
    lines += ["## In-process latency (ms) of the 20-request mix", "",
              "Flask test client for the page and the API (query + all facets + render/JSON); `search()` is our "
              "search function alone; FTS5 is the SQLite reference (FTS5 default tokenizer, facet counts by "
              "GROUP BY on the link tables). Ratio = our p50 / FTS5 p50. The repeated rounds find the per-word "
              "scores cached (kb/textmatch.py), as a running site does for the words people search; the first "
              "pass over the mix, in a fresh process, shows the cost of words not searched before.", "",
              "| size | what | n | p50 | p95 | p99 | max | ratio to FTS5 (p50) |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for size, r in results.items():
        inproc = r.get("inprocess")
        if not inproc:
            continue
        fts_p50 = summary_ms(inproc["fts5"]["all"])["p50"]
        for name, label in (("page", "search page `/interventies`"), ("api", "JSON API `/api/v1/interventies`"),
                            ("core", "`kb.search.search()`"), ("fts5", "SQLite FTS5 reference")):
            s = summary_ms(inproc[name]["all"])
            ratio = "" if name == "fts5" else f"{s['p50'] / fts_p50:.1f}×" if fts_p50 else "–"
            err = f" ({inproc[name]['errors']} errors)" if inproc[name]["errors"] else ""
            lines.append(f"| {size} | {label}{err} | {s['n']} | {_f(s['p50'], 2)} | {_f(s['p95'], 2)} | "
                         f"{_f(s['p99'], 2)} | {_f(s['max'], 2)} | {ratio} |")
            if name == "page" and inproc[name].get("first"):
                f = summary_ms(inproc[name]["first"])
                lines.append(f"| {size} | search page, first pass (cold caches) | {f['n']} | {_f(f['p50'], 2)} | "
                             f"{_f(f['p95'], 2)} | {_f(f['p99'], 2)} | {_f(f['max'], 2)} | |")
    lines.append("")
    lines += ["### Search page p50 (ms) per request of the mix, and result totals (ours / FTS5)", "",
              "| request | " + " | ".join(sizes) + " |", "|---|" + "---:|" * len(sizes)]
    labels = next((list(r["inprocess"]["page"]["per_query"]) for r in results.values() if r.get("inprocess")), [])
    for label in labels:
        cells = []
        for size in sizes:
            inproc = results[size].get("inprocess")
            if not inproc:
                cells.append("–")
                continue
            ours, ref = inproc["totals"].get(label, (None, None))
            cells.append(f"{_f(percentile([x * 1000 for x in inproc['page']['per_query'][label]], 50), 1)} "
                         f"({ours}/{ref})")
        lines.append(f"| `{label}` | " + " | ".join(cells) + " |")
    lines.append("")
    # Load.
    lines += ["## Under load over loopback", "",
              f"{CONCURRENCY} client threads with keep-alive `http.client` connections, {settings['duration']:g} s per "
              f"target after a warm-up, the same machine as the servers (the client takes CPU too). Ours: "
              f"`python -m kb serve --workers {WORKERS}` (gunicorn, gthread, 4 threads per worker, access log to a "
              "file). Datasette: `datasette serve -i` (one process) on a copy of the same `catalogue.db` with FTS5 "
              "(sqlite-utils) and the many-to-many facets as JSON array columns; settings "
              + ", ".join(f"`{k}={v}`" for k, v in DATASETTE_SETTINGS) + ".", "",
              "| size | target | requests | errors | req/s | p50 (ms) | p95 (ms) | p99 (ms) | ours / Datasette |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for size, r in results.items():
        srv = r.get("servers")
        if not srv:
            if r.get("servers_error"):
                lines.append(f"| {size} | failed: {r['servers_error'][:200]} | | | | | | | |")
            continue
        ds = srv.get("datasette")
        for key in ("ours_api", "ours_page", "datasette"):
            lr = srv.get(key)
            if lr is None:
                continue
            s = summary_ms(lr.latencies)
            ratio = ""
            if key == "ours_api" and ds and ds.rps:
                ratio = f"{lr.rps / ds.rps:.2f}×"
            lines.append(f"| {size} | {lr.target} | {lr.requests} | {lr.errors} | {lr.rps:.1f} | {_f(s['p50'])} | "
                         f"{_f(s['p95'])} | {_f(s['p99'])} | {ratio} |")
    lines.append("")
    notes = []
    for size, r in results.items():
        srv = r.get("servers") or {}
        if srv.get("datasette_timed_out"):
            notes.append(f"{size}: Datasette facets timed out: {', '.join(srv['datasette_timed_out'])}.")
        if srv.get("datasette_problems"):
            notes.append(f"{size}: Datasette problems: {'; '.join(srv['datasette_problems'])}.")
        for key in ("ours_api", "ours_page", "datasette"):
            lr = srv.get(key)
            if lr is not None and lr.errors:
                notes.append(f"{size}: {lr.target}: statuses {lr.statuses}.")
    example = next((r["servers"].get("datasette_example") for r in results.values()
                    if r.get("servers") and r["servers"].get("datasette_example")), None)
    if example:
        notes.append(f"Example Datasette request (thema+keten+sector): `{example}`")
    lines += [f"- {n}" for n in notes] + ([""] if notes else [])
    # Memory.
    lines += ["## Memory after the load (MB)", "",
              "RSS is what the process holds in memory; PSS divides pages shared with other processes among them; "
              "USS is memory only this process holds. The index is read through the page cache, not mapped.", "",
              "| size | gunicorn worker RSS | worker PSS | worker USS | master RSS | Datasette RSS |",
              "|---|---|---|---|---:|---:|"]
    for size, r in results.items():
        srv = r.get("servers")
        if not srv:
            continue
        workers = srv.get("workers") or []
        lines.append(f"| {size} | {', '.join(_f(w['rss'], 0) for w in workers)} | "
                     f"{', '.join(_f(w.get('pss'), 0) for w in workers)} | "
                     f"{', '.join(_f(w['uss'], 0) for w in workers)} | {_f(srv['master']['rss'], 0)} | "
                     f"{_f((srv.get('datasette_rss') or {}).get('rss'), 0)} |")
    lines.append("")
    # Targets.
    lines += ["## Targets", "", "| target | figure | verdict |", "|---|---|---|"]
    for row in targets(results):
        lines.append(f"| {row[0]} | {row[1]} | {_verdict(row[2])} |")
    lines.append("")
    errors = [(size, r["error"]) for size, r in results.items() if r.get("error")]
    if errors:
        lines += ["## Steps that failed", ""] + [f"- {size}: {e}" for size, e in errors] + [""]
    return "\n".join(lines)


def targets(results: dict) -> list[tuple]:
    rows = []
    real = results.get("real", {})
    inproc = real.get("inprocess")
    p95 = summary_ms(inproc["page"]["all"])["p95"] if inproc else None
    rows.append((f"real catalogue: search page p95 ≤ {TARGET_PAGE_REAL_P95_MS:g} ms in-process",
                 f"{_f(p95, 2)} ms" if p95 is not None else "not measured",
                 None if p95 is None else p95 <= TARGET_PAGE_REAL_P95_MS))
    inproc = results.get("10k", {}).get("inprocess")
    p95 = summary_ms(inproc["page"]["all"])["p95"] if inproc else None
    rows.append((f"10k records: search page p95 ≤ {TARGET_PAGE_10K_P95_MS:g} ms in-process",
                 f"{_f(p95, 1)} ms" if p95 is not None else "not measured",
                 None if p95 is None else p95 <= TARGET_PAGE_10K_P95_MS))
    ratios = {}
    for size, r in results.items():
        srv = r.get("servers") or {}
        if srv.get("ours_api") and srv.get("datasette") and srv["datasette"].rps:
            ratios[size] = srv["ours_api"].rps / srv["datasette"].rps
    rows.append((f"throughput ≥ {TARGET_THROUGHPUT_RATIO:g}× Datasette (JSON, same faceted searches)",
                 ", ".join(f"{s}: {v:.2f}×" for s, v in ratios.items()) or "not measured",
                 {s: v >= TARGET_THROUGHPUT_RATIO for s, v in ratios.items()}))
    b = real.get("build")
    rows.append((f"real catalogue: full `kb build` ≤ {TARGET_BUILD_REAL_S:g} s",
                 f"{_f(b['wall'], 2)} s wall ({_f(b['internal'], 2)} s in the build)" if b else "not measured",
                 None if not b else b["wall"] <= TARGET_BUILD_REAL_S))
    rss = {}
    for size, r in results.items():
        workers = (r.get("servers") or {}).get("workers")
        if workers:
            rss[size] = max(w["rss"] for w in workers)
    rows.append((f"≤ {TARGET_RSS_MB:g} MB RSS per gunicorn worker",
                 ", ".join(f"{s}: {v:.0f} MB" for s, v in rss.items()) or "not measured",
                 {s: v <= TARGET_RSS_MB for s, v in rss.items()}))
    return rows


# -- the run -------------------------------------------------------------------------------------
def run(sizes=DEFAULT_SIZES, duration: float = 10.0, out: str | Path | None = None, budget: float | None = None,
        catalogue: str | Path | None = None, keep: bool = False, datasette: bool | None = None,
        progress=None) -> str:
    """Measure every size in one run and return the Markdown report (also written to `out`)."""
    say = progress or (lambda text: print(f"[bench] {text}", file=sys.stderr, flush=True))
    sizes = [s.strip() for s in (sizes.split(",") if isinstance(sizes, str) else sizes) if s.strip()]
    for size in sizes:
        if size not in SIZES:
            raise BenchError(f"onbekende grootte '{size}'; kies uit {', '.join(SIZES)}")
    budget = budget if budget is not None else max(3.0, min(15.0, duration))
    if datasette is None:
        try:
            import datasette as _  # noqa: F401

            datasette = True
        except ImportError:
            say("Datasette is niet geïnstalleerd (pip install -e '.[bench]'); die vergelijking wordt overgeslagen.")
            datasette = False
    source = Path(catalogue or paths.CATALOGUE)
    started = time.perf_counter()
    stamp = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    results: dict = {}
    try:
        say(f"werkmap {work}")
        real = work / "real" / "catalogue"
        snap = snapshot_catalogue(source, real)
        say(f"momentopname van de catalogus: {snap['records']} interventies"
            + (f", {len(snap['removed'])} weggelaten (fouten)" if snap["removed"] else ""))
        queries = query_mix(real)
        for size in sizes:
            r = results[size] = {}
            size_dir = work / size
            size_dir.mkdir(exist_ok=True)
            try:
                if size == "real":
                    cat_dir = real
                    r["records"], r["removed"], r["generated"] = snap["records"], snap["removed"], None
                    r["repaired"] = snap["repaired"]
                else:
                    cat_dir = size_dir / "catalogue"
                    say(f"{size}: synthetische catalogus maken")
                    t0 = time.perf_counter()
                    make_synthetic(real, cat_dir, SIZES[size])
                    r["generated"] = time.perf_counter() - t0
                    r["records"] = SIZES[size]
                instance = size_dir / "instance"
                say(f"{size}: kb build")
                r["build"] = timed_build(cat_dir, instance, size_dir / "build.log")
                say(f"{size}: gebouwd in {r['build']['wall']:.1f} s")
                say(f"{size}: latentie in het proces")
                r["inprocess"] = measure_inprocess(cat_dir, instance, queries, budget, size_dir)
                say(f"{size}: p95 zoekpagina {summary_ms(r['inprocess']['page']['all'])['p95']:.1f} ms")
                say(f"{size}: belasting over loopback")
                try:
                    r["servers"] = measure_servers(cat_dir, instance, queries, duration, size_dir, datasette)
                except BenchError as exc:
                    r["servers_error"] = str(exc)
                    raise
                srv = r["servers"]
                say(f"{size}: ons {srv['ours_api'].rps:.1f} req/s"
                    + (f", Datasette {srv['datasette'].rps:.1f} req/s" if srv.get("datasette") else ""))
            except BenchError as exc:
                r["error"] = str(exc)
                say(f"{size}: mislukt: {exc}")
            finally:
                if not keep and size != "real":
                    shutil.rmtree(size_dir / "catalogue", ignore_errors=True)
    finally:
        if keep:
            say(f"werkmap bewaard: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    report = render_report(results, machine_info(), {"started": stamp, "elapsed": time.perf_counter() - started,
                                                      "duration": duration, "budget": budget})
    if out:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report + "\n", encoding="utf-8")
        say(f"rapport geschreven naar {out}")
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m kb.bench",
                                     description="Meet zoeklatentie, doorvoer, bouwtijd en geheugen bij de echte en "
                                     "synthetische catalogi en schrijf een Markdown-rapport.")
    parser.add_argument("--sizes", default=",".join(DEFAULT_SIZES),
                        help="komma-gescheiden: real,1k,10k,50k (standaard: %(default)s)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconden belasting per doel (standaard: %(default)s)")
    parser.add_argument("--budget", type=float, default=None,
                        help="seconden per meting in het proces (standaard: de duur, tussen 3 en 15)")
    parser.add_argument("--output", default="docs/performance-report.md", help="rapportbestand (standaard: %(default)s)")
    parser.add_argument("--catalogue", default=str(paths.CATALOGUE), help="de echte catalogus (standaard: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="rooktest: real,1k en 3 s belasting")
    parser.add_argument("--no-datasette", action="store_true", help="sla de vergelijking met Datasette over")
    parser.add_argument("--keep", action="store_true", help="bewaar de werkmap (catalogi, bouw, logs)")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.duration = ",".join(QUICK_SIZES), 3.0
    try:
        text = run(sizes=args.sizes, duration=args.duration, out=args.output, budget=args.budget,
                   catalogue=args.catalogue, keep=args.keep, datasette=False if args.no_datasette else None)
    except BenchError as exc:
        print(f"Meting mislukt: {exc}", file=sys.stderr)
        raise SystemExit(1)
    print(text)
