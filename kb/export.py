"""Records as JSON and CSV: the shapes the API and the downloads share."""
from __future__ import annotations

import csv
import io

CSV_COLUMNS = ("id", "titel", "samenvatting", "themas", "subthemas", "ketencategorie", "herkomst_ketencategorie",
               "interventietype", "vorm", "sectoren", "doelgroepen", "organisaties", "links", "bronnen",
               "bewijsniveau", "toegevoegd", "laatst_gecontroleerd", "url")
# A cell starting with one of these is read as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def citation_text(store, c: dict) -> str:
    doc = store.sources.get(c["document"]) or {}
    text = f"{doc.get('short', c['document'])}, {section_label(doc, c['section'])}"
    return text + (f" ({c['heading']})" if c.get("heading") else "")


def section_label(doc: dict, section: str) -> str:
    for s in doc.get("sections") or []:
        if s["id"] == section:
            return f"§ {section} {s['label']}" if section[0].isdigit() else s["label"]
    return section


def record_json(store, rec: dict, url: str, full: bool = False) -> dict:
    """A record for the API: ids with labels, so a client needs no second request."""
    def tags(vocab, ids):
        v = store.vocab(vocab)
        return [{"id": i, "label": v.label(i)} for i in ids]

    out = {
        "id": rec["id"],
        "title": rec["title"],
        "summary": rec["summary"],
        "url": url,
        "themes": tags("themes", rec["themes"]),
        "subthemes": tags("subthemes", rec["subthemes"]),
        "chain_category": {"id": rec["chain_category"], "label": store.chain_categories.label(rec["chain_category"]),
                           "origin": rec["chain_category_origin"]},
        "intervention_type": {"id": rec["intervention_type"],
                              "label": store.intervention_types.label(rec["intervention_type"])},
        "form": {"id": rec["form"], "label": store.forms.label(rec["form"])},
        "sectors": tags("sectors", rec["sectors"]),
        "target_groups": tags("target_groups", rec["target_groups"]),
        "organisations": tags("organisations", rec["organisations"]),
        "added": rec.get("added"),
    }
    if full:
        out.update({
            "description": rec["description"],
            "links": rec["links"],
            "sources": [dict(c, citation=citation_text(store, c)) for c in rec["sources"]],
            "evidence": {"level": rec["evidence_level"], "label": store.evidence_levels.label(rec["evidence_level"]),
                         "basis": rec.get("evidence_basis")},
            "aliases": rec["aliases"],
            "keywords": rec["keywords"],
            "related": rec["related"],
            "guides": rec["guides"],
            "timing": rec.get("timing"),
            "costs": rec.get("costs"),
            "last_reviewed": rec.get("last_reviewed"),
        })
    return out


def safe_cell(value) -> str:
    """Neutralise spreadsheet formula injection: prefix risky cells with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def records_csv(store, records, url_for_record) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    join = "; ".join
    for rec in records:
        writer.writerow([safe_cell(v) for v in (
            rec["id"], rec["title"], rec["summary"],
            join(store.themes.label(t) for t in rec["themes"]),
            join(store.subthemes.label(t) for t in rec["subthemes"]),
            f"{rec['chain_category']} {store.chain_categories.label(rec['chain_category'])}",
            store.chain_origins.label(rec["chain_category_origin"]),
            store.intervention_types.label(rec["intervention_type"]),
            store.forms.label(rec["form"]),
            join(store.sectors.label(t) for t in rec["sectors"]),
            join(store.target_groups.label(t) for t in rec["target_groups"]),
            join(store.organisations.label(t) for t in rec["organisations"]),
            join(link["url"] for link in rec["links"]),
            join(citation_text(store, c) for c in rec["sources"]),
            store.evidence_levels.label(rec["evidence_level"]),
            rec.get("added") or "", rec.get("last_reviewed") or "",
            url_for_record(rec),
        )])
    return buf.getvalue()


def record_as_source(rec: dict) -> dict:
    """A record in the shape of its YAML file, so an export can be read back and validated."""
    out = {k: rec[k] for k in ("id", "title", "summary", "description", "themes", "subthemes", "chain_category",
                               "chain_category_origin", "intervention_type", "sectors", "target_groups")}
    out["sources"] = [{k: v for k, v in c.items() if v is not None} for c in rec["sources"]]
    for key in ("organisations", "links", "aliases", "keywords", "related", "guides"):
        if rec[key]:
            out[key] = rec[key]
    if rec["evidence_level"] != "niet-beoordeeld":
        out["evidence"] = {"level": rec["evidence_level"], "basis": rec["evidence_basis"]}
    for key in ("timing", "costs", "added", "last_reviewed"):
        if rec.get(key):
            out[key] = rec[key]
    return out
