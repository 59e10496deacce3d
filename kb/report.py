"""The editors' report: which records need attention.

Four lists: records due for review (last_reviewed older than the maximum age, or missing), records
without links, records without an organisation, and records whose chain category only the editors
chose (chain_category_origin 'redactie'). The report is plain data (for a page or JSON);
`format_text` writes it out in Dutch.
"""
from __future__ import annotations

import datetime as dt

from collections.abc import Mapping

SECTIONS = (  # key, Dutch heading, what it means
    ("due_for_review", "Toe aan controle",
     "de laatste inhoudelijke controle (last_reviewed) is ouder dan {max_age_days} dagen of ontbreekt"),
    ("without_links", "Zonder links", "geen enkele URL bij 'links'"),
    ("without_organisation", "Zonder organisatie", "geen eigenaar of aanbieder bij 'organisations'"),
    ("editorial_chain_category", "Ketencategorie alleen door de redactie",
     "chain_category_origin is 'redactie': de bron deelt niet zelf in"),
)


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def _entry(rec: dict) -> dict:
    return {"id": rec["id"], "title": rec.get("title", rec["id"]), "path": rec.get("path", "")}


def report(records: Mapping[str, dict], today, max_age_days: int = 365) -> dict:
    """What the editors should look at among `records` (id -> record, from the YAML files or from a
    build), as of `today` (a date or JJJJ-MM-DD)."""
    today = _date(today)
    if today is None:
        raise ValueError("today moet een datum zijn (JJJJ-MM-DD)")
    out: dict = {"today": today.isoformat(), "max_age_days": max_age_days,
                 "records": len(records), **{key: [] for key, _, _ in SECTIONS}}
    for rec in sorted(records.values(), key=lambda r: r["id"]):
        reviewed = _date(rec.get("last_reviewed"))
        age = (today - reviewed).days if reviewed else None
        if age is None or age > max_age_days:
            out["due_for_review"].append({**_entry(rec), "last_reviewed": reviewed.isoformat() if reviewed else None,
                                          "age_days": age})
        if not rec.get("links"):
            out["without_links"].append(_entry(rec))
        if not rec.get("organisations"):
            out["without_organisation"].append(_entry(rec))
        if rec.get("chain_category_origin") == "redactie":
            out["editorial_chain_category"].append({**_entry(rec), "chain_category": rec.get("chain_category")})
    # Never reviewed first, then the oldest review.
    out["due_for_review"].sort(key=lambda e: (e["age_days"] is not None, -(e["age_days"] or 0), e["id"]))
    out["counts"] = {key: len(out[key]) for key, _, _ in SECTIONS}
    return out


def _detail(key: str, entry: dict) -> str:
    if key == "due_for_review":
        if entry["last_reviewed"] is None:
            return "nooit gecontroleerd (last_reviewed ontbreekt)"
        return f"laatst gecontroleerd op {entry['last_reviewed']}, {entry['age_days']} dagen geleden"
    if key == "editorial_chain_category":
        return f"categorie {entry['chain_category']}: controleer of de indeling klopt"
    return ""


def format_text(rep: dict) -> str:
    """The report as Dutch plain text, one line per record."""
    lines = [f"Redactierapport van {rep['today']} ({rep['records']} interventies)", ""]
    for key, heading, meaning in SECTIONS:
        entries = rep[key]
        lines.append(f"{heading}: {len(entries)} ({meaning.format(**rep)})")
        if not entries:
            lines.append("  geen")
        for e in entries:
            detail = _detail(key, e)
            lines.append(f"  - {e['id']} ({e['path']})" + (f": {detail}" if detail else ""))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def command(catalogue_root, today=None, max_age_days: int = 365, json_output: bool = False, out=print) -> int:
    """`kb report`: print the report (text or JSON). Returns the exit code (always 0: a report, not a check)."""
    import json

    from kb import validation

    cat = validation.load(catalogue_root)[0]
    rep = report(cat.records, today or dt.date.today(), max_age_days)
    out(json.dumps(rep, ensure_ascii=False, indent=2) if json_output else format_text(rep).rstrip("\n"))
    return 0
