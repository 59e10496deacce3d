"""Suggestions while typing: titles, themes, sectors and organisations whose words start with
what the visitor typed so far."""
from __future__ import annotations

from dataclasses import dataclass

from kb.analysis import surface_words

KINDS = {"interventie": "Interventie", "thema": "Thema", "subthema": "Subthema", "sector": "Sector",
         "organisatie": "Organisatie"}


@dataclass(frozen=True)
class Entry:
    label: str
    kind: str
    target: tuple  # (endpoint, params) to build the URL
    words: tuple  # folded words of the label and its aliases
    rank: int  # lower first among equal matches


def entries(store) -> list[Entry]:
    out = []
    for t in store.themes:
        out.append(Entry(t["label"], "thema", ("theme", {"tid": t["id"]}), tuple(surface_words(t["label"])), 0))
    for t in store.subthemes:
        out.append(Entry(t["label"], "subthema", ("interventions", {"subthema": t["id"]}),
                         tuple(surface_words(t["label"])), 1))
    for t in store.sectors:
        out.append(Entry(t["label"], "sector", ("sector", {"sid": t["id"]}),
                         tuple(surface_words(t["label"] + " " + t.get("description", ""))), 2))
    for o in store.organisations:
        out.append(Entry(o["name"], "organisatie", ("interventions", {"organisatie": o["id"]}),
                         tuple(surface_words(o["name"] + " " + " ".join(o.get("aliases") or []))), 3))
    for r in store.records.values():
        out.append(Entry(r["title"], "interventie", ("record", {"rid": r["id"]}),
                         tuple(surface_words(r["title"] + " " + " ".join(r["aliases"]))), 4))
    return out


def suggest(all_entries: list[Entry], text: str, limit: int = 8) -> list[Entry]:
    typed = surface_words(text)[:6]
    if not typed or len("".join(typed)) < 2:
        return []
    found = []
    for e in all_entries:
        # Every typed word must start a word of the entry; the last one may be unfinished.
        if all(any(w.startswith(t) for w in e.words) for t in typed):
            first_word_hit = e.words and e.words[0].startswith(typed[0])
            found.append(((not first_word_hit), e.rank, len(e.label), e.label.lower(), e))
    found.sort(key=lambda t: t[:4])
    return [t[-1] for t in found[:limit]]
