"""The audit tables in docs/bronverantwoording/ (every named item of each source, in source order,
and where it is in the catalogue) agree with the catalogue, in both directions."""
import re
from pathlib import Path

import pytest

from kb import validation
from tests.conftest import REAL_CATALOGUE, ROOT

AUDITS = ROOT / "docs" / "bronverantwoording"
# Which audit file answers for which citations.
QUICKSCAN_FILES = {"2.3": "quickscan-2.3-2.4", "2.4": "quickscan-2.3-2.4", "2.5": "quickscan-2.5-2.6",
                   "2.6": "quickscan-2.5-2.6", "3": "quickscan-3-en-5", "5": "quickscan-3-en-5",
                   "4": "quickscan-4", "6": "quickscan-6"}
ROW = re.compile(r"^\|\s*(\d+)\s*\|(.*)\|(.*)\|\s*$")
TELLING = re.compile(r"^Telling: (\d+) records?, (\d+) interventietypen?, (\d+) kennisbankpagina")


def _document(path: Path) -> str:
    return "quickscan" if path.stem.startswith("quickscan") else path.stem


def _audit_file_for(citation) -> str:
    if citation["document"] != "quickscan":
        return citation["document"]
    section = str(citation["section"])
    return QUICKSCAN_FILES.get(section, QUICKSCAN_FILES.get(section.split(".")[0], ""))


@pytest.fixture(scope="module")
def catalogue():
    cat, problems = validation.load(REAL_CATALOGUE)
    assert not problems
    return cat


def _tables(path):
    """[(heading, rows, telling)] with rows as (line, source text, [(kind, id)])."""
    tables, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = [line[3:], [], None]
            tables.append(current)
        elif current and (m := ROW.match(line)):
            refs = []
            column, _, reason = m.group(3).partition("niet opgenomen")
            if reason:
                assert ":" in reason and reason.split(":", 1)[1].strip(), f"{path.name}: give a reason: {line}"
            for part in filter(None, (p.strip() for p in column.split(","))):
                part = part.strip()
                found = re.match(r"^(type|pagina)?\s*`([a-z0-9-]+)`", part)
                if found:
                    refs.append((found.group(1) or "record", found.group(2)))
                else:
                    raise AssertionError(f"{path.name}: not a record, type or page: {line}")
            current[1].append((int(m.group(1)), m.group(2).strip(), refs))
        elif current and (m := TELLING.match(line)):
            current[2] = tuple(int(g) for g in m.groups())
    return tables


def test_every_audit_row_points_at_something_that_exists(catalogue):
    files = sorted(AUDITS.glob("*.md"))
    assert len(files) >= 9
    types = set(catalogue.vocab.by_name["intervention_types"].ids())
    for path in files:
        document = _document(path)
        for heading, rows, telling in _tables(path):
            for line, text, refs in rows:
                for kind, rid in refs:
                    where = f"{path.name} ({heading}), regel {line}: {rid}"
                    if kind == "record":
                        assert rid in catalogue.records, where
                        assert any(c["document"] == document for c in catalogue.records[rid]["sources"]), where
                    elif kind == "type":
                        assert rid in types, where
                    else:
                        assert rid in catalogue.pages, where
            if telling is not None:
                counted = tuple(len({rid for _, _, refs in rows for k, rid in refs if k == kind})
                                for kind in ("record", "type", "pagina"))
                assert counted == telling, f"{path.name} ({heading}): telling {telling}, tabel {counted}"


def test_every_cited_record_is_in_the_audit_of_its_source(catalogue):
    listed = {}
    for path in AUDITS.glob("*.md"):
        listed[path.stem] = {rid for _, rows, _ in _tables(path) for _, _, refs in rows for k, rid in refs
                             if k == "record"}
    missing = []
    for rid, rec in catalogue.records.items():
        for c in rec["sources"]:
            audit = _audit_file_for(c)
            if audit and rid not in listed.get(audit, set()):
                missing.append(f"{rid} ({c['document']} {c['section']}) ontbreekt in {audit}.md")
    assert not missing, "\n".join(missing)
