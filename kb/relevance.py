"""The relevance benchmark: judged Dutch queries, scored for our search and a plain baseline.

`python -m kb bench-search` prints nDCG@10, recall@10 and MRR per kind of query for both, side by
side. The judgments live in bench/relevance.yaml; see docs/search.md.
"""
from __future__ import annotations

import math
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from whoosh import index as whoosh_index
from whoosh import qparser
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema

from kb import search

K = 10
JUDGMENTS = Path(__file__).resolve().parent.parent / "bench" / "relevance.yaml"
# Queries judged after the search was tuned on JUDGMENTS, to see whether the tuning generalises.
HOLDOUT = JUDGMENTS.with_name("relevance-holdout.yaml")
KIND_LABELS = {
    "trefwoord": "trefwoorden",
    "behoefte": "vraag of behoefte",
    "sector": "met sector",
    "afkorting": "afkortingen",
    "typfout": "typfouten",
    "synoniem": "synoniemen",
    "samenstelling": "samenstellingen",
}


@dataclass
class Judgment:
    query: str
    kind: str
    relevant: dict  # record id -> grade (1 somewhat, 2 relevant, 3 exactly what was asked)


def load_judgments(path: Path = JUDGMENTS) -> list[Judgment]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Judgment(str(j["query"]), j["kind"], {str(k): int(v) for k, v in j["relevant"].items()}) for j in data]


def ndcg(ranked: list[str], relevant: dict, k: int = K) -> float:
    dcg = sum((2 ** relevant.get(rid, 0) - 1) / math.log2(i + 2) for i, rid in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], relevant: dict, k: int = K) -> float:
    return len(set(ranked[:k]) & set(relevant)) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list[str], relevant: dict) -> float:
    for i, rid in enumerate(ranked):
        if rid in relevant:
            return 1.0 / (i + 1)
    return 0.0


class OurSearch:
    name = "kennisbank"

    def __init__(self, store):
        self.store = store

    def ranked(self, q: str) -> list[str]:
        query = search.SearchQuery(q=q)
        result = search.search(self.store, query, per_page=K)
        return [h.record["id"] for h in result.hits]


class BaselineSearch:
    """Whoosh out of the box: the standard (English) analyser, default query parser, all words."""

    name = "baseline (Whoosh standaard)"

    def __init__(self, store):
        self.tmp = tempfile.TemporaryDirectory()
        schema = Schema(id=ID(stored=True, unique=True), title=TEXT(analyzer=StandardAnalyzer()),
                        summary=TEXT(analyzer=StandardAnalyzer()), description=TEXT(analyzer=StandardAnalyzer()))
        ix = whoosh_index.create_in(self.tmp.name, schema)
        writer = ix.writer()
        for rec in store.full_records():
            writer.add_document(id=rec["id"], title=rec["title"], summary=rec["summary"], description=rec["description"])
        writer.commit()
        self.searcher = ix.searcher()
        self.parser = qparser.MultifieldParser(["title", "summary", "description"], schema=schema)

    def ranked(self, q: str) -> list[str]:
        try:
            parsed = self.parser.parse(q)
        except Exception:
            return []
        return [h["id"] for h in self.searcher.search(parsed, limit=K)]


@dataclass
class Scores:
    ndcg: float
    recall: float
    mrr: float
    n: int


def evaluate(engine, judgments: list[Judgment]) -> tuple[dict, dict]:
    """Mean scores per kind of query and overall ('alle'), and the per-query nDCG."""
    per_kind = defaultdict(list)
    per_query = {}
    for j in judgments:
        ranked = engine.ranked(j.query)
        s = (ndcg(ranked, j.relevant), recall(ranked, j.relevant), reciprocal_rank(ranked, j.relevant))
        per_kind[j.kind].append(s)
        per_kind["alle"].append(s)
        per_query[j.query] = s[0]
    means = {kind: Scores(*(sum(x[i] for x in rows) / len(rows) for i in range(3)), len(rows))
             for kind, rows in per_kind.items()}
    return means, per_query


def unknown_ids(judgments: list[Judgment], store) -> list[str]:
    return sorted({rid for j in judgments for rid in j.relevant if rid not in store.records})


def report(store, judgments: list[Judgment] | None = None) -> str:
    """The benchmark tables: the tuning set, and the held-out set when there is one."""
    sets = [("Relevantiebenchmark", judgments or load_judgments())]
    if judgments is None and HOLDOUT.exists():
        sets.append(("Controleset (na het afstellen beoordeeld)", load_judgments(HOLDOUT)))
    baseline = BaselineSearch(store)
    return "\n\n".join(_report_one(store, name, js, baseline) for name, js in sets)


def _report_one(store, name: str, judgments: list[Judgment], baseline) -> str:
    ours, ours_q = evaluate(OurSearch(store), judgments)
    base, base_q = evaluate(baseline, judgments)
    lines = [f"{name}: {len(judgments)} zoekvragen, {len(store.records)} interventies, k={K}", "",
             f"{'soort':<20} {'n':>3}  {'nDCG@10':>16}  {'recall@10':>16}  {'MRR':>16}",
             f"{'':<20} {'':>3}  {'ons':>7} {'basis':>8}  {'ons':>7} {'basis':>8}  {'ons':>7} {'basis':>8}"]
    kinds = [k for k in KIND_LABELS if k in ours] + ["alle"]
    for kind in kinds:
        o, b = ours[kind], base[kind]
        lines.append(f"{KIND_LABELS.get(kind, kind):<20} {o.n:>3}  {o.ndcg:>7.3f} {b.ndcg:>8.3f}  {o.recall:>7.3f} "
                     f"{b.recall:>8.3f}  {o.mrr:>7.3f} {b.mrr:>8.3f}")
    weakest = sorted(ours_q.items(), key=lambda kv: kv[1])[:5]
    lines += ["", "Zwakste zoekvragen (nDCG@10 ons / basis):"]
    lines += [f"  {q!r}: {s:.3f} / {base_q[q]:.3f}" for q, s in weakest]
    missing = unknown_ids(judgments, store)
    if missing:
        lines += ["", "Let op: beoordeelde ids die niet in de catalogus staan: " + ", ".join(missing)]
    return "\n".join(lines)
