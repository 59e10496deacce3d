"""The werkmap: a working list of interventions with a note each, kept in the URL so that it can
be shared as a link, printed, and exported for a sector plan or a management proposal."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

MAX_ITEMS = 100
MAX_NOTE = 500
NOTE_PREFIX = "notitie-"


@dataclass
class Item:
    record: dict
    note: str


def parse(args, store) -> tuple[list[Item], list[str]]:
    """Items from request arguments (?id=a&id=b&notitie-a=...); unknown ids are reported."""
    items, unknown, seen = [], [], set()
    for rid in args.getlist("id")[: MAX_ITEMS * 2]:
        rid = rid.strip()
        if not rid or rid in seen:
            continue
        seen.add(rid)
        rec = store.records.get(rid)
        if rec is None:
            unknown.append(rid[:80])
            continue
        note = " ".join((args.get(NOTE_PREFIX + rid) or "").split())[:MAX_NOTE]
        items.append(Item(rec, note))
    return items[:MAX_ITEMS], unknown


def params(items: list[Item], drop: str | None = None) -> list[tuple[str, str]]:
    out = []
    for item in items:
        if item.record["id"] == drop:
            continue
        out.append(("id", item.record["id"]))
        if item.note:
            out.append((NOTE_PREFIX + item.record["id"], item.note))
    return out


def grouped(items: list[Item], store) -> list[tuple[dict, list[tuple[dict, list[Item]]]]]:
    """Items by chain category, and within it by primary theme, in vocabulary order."""
    out = []
    for chain in store.chain_categories:
        in_chain = [i for i in items if i.record["chain_category"] == chain["id"]]
        if not in_chain:
            continue
        by_theme = []
        for theme in store.themes:
            in_theme = [i for i in in_chain if i.record["themes"][0] == theme["id"]]
            if in_theme:
                by_theme.append((theme, in_theme))
        out.append((chain, by_theme))
    return out


def as_csv(items: list[Item], store, record_url) -> str:
    from kb.export import safe_cell

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["ketencategorie", "thema", "titel", "samenvatting", "notitie", "organisaties", "sectoren", "url"])
    for chain, themes in grouped(items, store):
        for theme, its in themes:
            for i in its:
                r = i.record
                writer.writerow([safe_cell(v) for v in (
                    f"{chain['id']} {chain['label']}", theme["label"], r["title"], r["summary"], i.note,
                    "; ".join(store.organisations.label(o) for o in r["organisations"]),
                    "; ".join(store.sectors.label(s) for s in r["sectors"]), record_url(r))])
    return buf.getvalue()


def _md_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def as_markdown(items: list[Item], store, record_url, share_url: str) -> str:
    lines = ["# Werkmap interventies duurzame inzetbaarheid", "",
             f"{len(items)} interventies, geordend naar de stappen van de implementatieketen.", "",
             f"Online: {share_url}", ""]
    for chain, themes in grouped(items, store):
        lines += [f"## {chain['id']}. {chain['label']}", ""]
        for theme, its in themes:
            lines += [f"### {theme['label']}", ""]
            for i in its:
                r = i.record
                lines.append(f"- **[{_md_escape(r['title'])}]({record_url(r)})**: {_md_escape(r['summary'])}")
                if i.note:
                    lines.append(f"  - Notitie: {_md_escape(i.note)}")
            lines.append("")
    return "\n".join(lines)
