"""JSON Schema (draft 2020-12) for one intervention record, generated from kb/schema.py.

The schema is for editors: with it, an editor such as VS Code (YAML extension by Red Hat) shows
each field's Dutch help, offers the allowed vocabulary values and marks mistakes while typing.
`kb validate` stays the authority; the schema never allows what validation rejects for real records.

Only keywords that also exist in draft 7 are used (no prefixItems, unevaluated*, dependent*),
because the YAML extension understands draft 7 and below.

    python -m kb.jsonschema            # writes schema/interventie.schema.json
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kb import paths, schema
from kb.validation import Catalogue

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_PATH = paths.ROOT / "schema" / "interventie.schema.json"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL_PATTERN = r"^https?://[^\s/]+\.[^\s]*$|^https?://localhost(?::[0-9]+)?(?:/[^\s]*)?$"


def _enum(ids: list[str], labels: list[str], description: str) -> dict:
    # enumDescriptions is not a JSON Schema keyword; the YAML extension shows it next to each value
    # and validators ignore it.
    return {"type": "string", "description": description, "enum": ids, "enumDescriptions": labels}


def _vocabulary_defs(cat: Catalogue) -> dict:
    from kb.validation import VOCAB_LABELS

    defs: dict = {}
    for f in schema.RECORD_FIELDS:
        if not f.vocab or f.vocab in defs:
            continue
        name, where = VOCAB_LABELS[f.vocab]
        description = f"Een van de {name} uit catalogue/{where}."
        if f.vocab == "organisations":
            items = sorted(cat.organisations.items())
            defs[f.vocab] = _enum([k for k, _ in items], [o.get("name", k) for k, o in items], description)
        elif f.vocab == "pages":
            items = sorted(cat.pages.items())
            defs[f.vocab] = _enum([k for k, _ in items], [p.get("title", k) for k, p in items], description)
        elif f.vocab == "interventions":
            # Record ids change with every new record: a pattern keeps the schema file stable.
            defs[f.vocab] = {"type": "string", "pattern": schema.ID_PATTERN.pattern, "description": description}
        else:
            vocab = cat.vocab.by_name[f.vocab]
            defs[f.vocab] = _enum(vocab.ids(), [t.label for t in vocab], description)
    levels = cat.vocab.by_name["evidence_levels"]
    defs["evidence_levels"] = _enum(levels.ids(), [t.label for t in levels],
                                    "Een niveau uit catalogue/vocabularies/evidence_levels.yaml.")
    sources = cat.vocab.by_name["sources"]
    defs["sources"] = _enum(sources.ids(), [t.label for t in sources],
                            "Een brondocument uit catalogue/vocabularies/sources.yaml.")
    return defs


def _citation(cat: Catalogue) -> dict:
    section_rules = []
    for doc in cat.vocab.by_name["sources"]:
        sections = doc.get("sections") or []
        if sections:
            section_rules.append({
                "if": {"properties": {"document": {"const": doc.id}}, "required": ["document"]},
                "then": {"properties": {"section": {
                    "enum": [str(s["id"]) for s in sections],
                    "enumDescriptions": [str(s.get("label", s["id"])) for s in sections],
                }}},
            })
    return {
        "type": "object",
        "description": "Eén vindplaats: het brondocument, de paragraaf of het onderdeel en eventueel het kopje.",
        "properties": {
            "document": {"$ref": "#/$defs/sources"},
            "section": {"type": "string", "minLength": 1,
                        "description": "Paragraaf of onderdeel, tussen aanhalingstekens, bijvoorbeeld \"2.4\"."},
            "heading": {"type": "string", "description": "Optioneel: het kopje of de rubriek in de bron."},
        },
        "required": ["document", "section"],
        "additionalProperties": False,
        "allOf": section_rules,
    }


def _link() -> dict:
    return {
        "type": "object",
        "description": "Een webadres uit de bron met een kort Nederlands label.",
        "properties": {
            "url": {"type": "string", "pattern": URL_PATTERN, "description": "Alleen http:// of https://."},
            "label": {"type": "string", "minLength": 1, "description": "Korte omschrijving, bijvoorbeeld 'Website van de tool'."},
        },
        "required": ["url", "label"],
        "additionalProperties": False,
    }


def _evidence() -> dict:
    return {
        "type": "object",
        "description": "Niveau op de erkenningsladder; bij elk niveau behalve 'niet-beoordeeld' hoort een basis.",
        "properties": {
            "level": {"$ref": "#/$defs/evidence_levels"},
            "basis": {"type": "string", "minLength": 1, "description": "De bron die het niveau noemt (document en plaats)."},
        },
        "additionalProperties": False,
        "if": {"properties": {"level": {"not": {"const": "niet-beoordeeld"}}}, "required": ["level"]},
        "then": {"required": ["basis"]},
    }


def _property(f: schema.Field) -> dict:
    if f.kind == "id":
        prop = {"type": "string", "pattern": schema.ID_PATTERN.pattern}
    elif f.kind in ("text", "markdown"):
        prop = {"type": "string", "minLength": 1}
        if f.max_length:
            prop["maxLength"] = f.max_length
    elif f.kind == "choice":
        prop = {"$ref": f"#/$defs/{f.vocab}"}
    elif f.kind == "list":
        items = {"$ref": f"#/$defs/{f.vocab}"} if f.vocab else {"type": "string", "minLength": 1}
        prop = {"type": "array", "items": items, "uniqueItems": True}
    elif f.kind == "links":
        prop = {"type": "array", "items": {"$ref": "#/$defs/link"}}
    elif f.kind == "citations":
        prop = {"type": "array", "items": {"$ref": "#/$defs/citation"}}
    elif f.kind == "evidence":
        prop = {"$ref": "#/$defs/evidence"}
    elif f.kind == "date":
        prop = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    else:  # a new kind in schema.py must be mapped here, not silently accepted
        raise ValueError(f"geen JSON Schema voor veldsoort {f.kind!r} ({f.name})")
    if prop.get("type") == "array":
        # An empty list counts as missing in validation, so a required list needs an element.
        min_items = max(f.min_items, 1 if f.required else 0)
        if min_items:
            prop["minItems"] = min_items
    prop["description"] = f.help + (" Verplicht." if f.required else " Optioneel.")
    return prop


def _subtheme_rules(cat: Catalogue) -> list[dict]:
    """Each subtheme needs its theme under 'themes' (as validation checks)."""
    by_theme: dict = {}
    for sub in cat.vocab.by_name["subthemes"]:
        by_theme.setdefault(sub.get("theme"), []).append(sub.id)
    return [{
        "if": {"properties": {"subthemes": {"contains": {"enum": subs}}}, "required": ["subthemes"]},
        "then": {"properties": {"themes": {"contains": {"const": theme}}}, "required": ["themes"]},
    } for theme, subs in by_theme.items()]


def record_json_schema(catalogue: Catalogue) -> dict:
    """The JSON Schema of one record of this catalogue (fields from kb/schema.py, values from its vocabularies)."""
    return {
        "$schema": DIALECT,
        "title": "Interventie",
        "description": "Eén interventie in de kennisbank duurzame inzetbaarheid (catalogue/interventies/<id>.yaml). "
                       "Gemaakt uit kb/schema.py; controleer altijd met 'python -m kb validate'.",
        "type": "object",
        "properties": {f.name: _property(f) for f in schema.RECORD_FIELDS},
        "required": [f.name for f in schema.RECORD_FIELDS if f.required],
        "additionalProperties": False,
        "allOf": _subtheme_rules(catalogue),
        "$defs": {**_vocabulary_defs(catalogue), "citation": _citation(catalogue), "link": _link(),
                  "evidence": _evidence()},
    }


def dumps(schema_dict: dict) -> str:
    return json.dumps(schema_dict, ensure_ascii=False, indent=2) + "\n"


def write(catalogue_root: Path, path: Path = DEFAULT_PATH) -> Path:
    """Generate the schema from the catalogue under catalogue_root and write it to path."""
    from kb import validation

    cat = validation.load(Path(catalogue_root))[0]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = dumps(record_json_schema(cat))
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb.jsonschema",
                                     description="Schrijf het JSON-schema voor interventies (voor aanvulling in je editor).")
    parser.add_argument("--catalogue", default=str(paths.CATALOGUE), help="map met de catalogus (standaard: %(default)s)")
    parser.add_argument("output", nargs="?", default=str(DEFAULT_PATH), help="bestand (standaard: %(default)s)")
    args = parser.parse_args(argv)
    path = write(Path(args.catalogue), Path(args.output))
    print(f"JSON-schema geschreven: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
