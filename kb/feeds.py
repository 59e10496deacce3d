"""Atom feeds (RFC 4287) of new and changed records, for the whole catalogue or a selection."""
from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50


def changed_on(rec: dict) -> str:
    return max(filter(None, [rec.get("added"), rec.get("last_reviewed")]), default="2020-01-01")


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def atom(records, title: str, feed_url: str, site_url: str, record_url, fallback_updated: str) -> bytes:
    """The feed as UTF-8 XML: newest changes first, at most MAX_ENTRIES entries."""
    ET.register_namespace("", ATOM)
    ordered = sorted(records, key=lambda r: (changed_on(r), r["title"]), reverse=True)[:MAX_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nl"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    updated = _stamp(changed_on(ordered[0])) if ordered else fallback_updated
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": feed_url, "type": "application/atom+xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": site_url, "type": "text/html"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Redactie Kennisbank duurzame inzetbaarheid"
    for rec in ordered:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = record_url(rec)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}title").text = rec["title"]
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(changed_on(rec))
        if rec.get("added"):
            ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(rec["added"])
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": url, "type": "text/html"})
        ET.SubElement(entry, f"{{{ATOM}}}summary", {"type": "text"}).text = rec["summary"]
        for theme in rec["themes"]:
            ET.SubElement(entry, f"{{{ATOM}}}category", {"term": theme})
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")


def now_stamp() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
