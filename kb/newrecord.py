"""Create a new intervention file from a commented Dutch template.

`new_record` writes catalogue/interventies/<id>.yaml with the given fields filled in and, for every
other field, a commented hint with the allowed values; `interactive` asks for the main fields one by
one and re-asks when an answer is not allowed. Neither touches an existing file.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import textwrap
import unicodedata
from pathlib import Path

import yaml

from kb import schema, validation

SLUG_MAX = 60
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/interventie.schema.json"
HEADER = f"""\
{SCHEMA_COMMENT}
# Aanvulling en uitleg per veld: open de repository in VS Code met de extensie 'YAML' (Red Hat);
# de regel hierboven koppelt dit bestand aan het schema. Zie CONTRIBUTING.md.
# Regels met '#' zijn uitleg. Vul een veld in door het '#' voor de veldnaam weg te halen.
# Controleer daarna: .venv/bin/python -m kb validate
"""
_FIELDS = {f.name: f for f in schema.RECORD_FIELDS}
_WRAP = 96


class NewRecordError(ValueError):
    """A new record cannot be made; the message says why and what to do, in Dutch."""


def slugify(title: str, max_length: int = SLUG_MAX) -> str:
    """'Zelfinspectietool Café & Co' -> 'zelfinspectietool-cafe-co': ascii, lowercase, kebab-case."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("ĳ", "ij")
    text = text.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length + 1]
        # Cut at a word boundary when there is one; otherwise in the word.
        slug = cut.rsplit("-", 1)[0] if "-" in cut[:max_length + 1] else slug[:max_length]
        slug = slug[:max_length].strip("-")
    return slug


# -- rendering values ---------------------------------------------------------------------------
def _scalar(value) -> str:
    out = yaml.safe_dump({"v": value}, allow_unicode=True, width=10_000, default_flow_style=False)
    return out[len("v: "):].rstrip("\n")


def _quoted(value) -> str:
    return json.dumps(str(value), ensure_ascii=False)


def _render(name: str, value) -> str:
    f = _FIELDS[name]
    if f.kind == "markdown":
        lines = [line.rstrip() for line in str(value).strip("\n").splitlines()]
        body = "\n".join(f"  {line}" if line else "" for line in textwrap.dedent("\n".join(lines)).splitlines())
        return f"{name}: |\n{body}\n"
    if name == "summary":
        words = " ".join(str(value).split())
        return f"{name}: >-\n" + textwrap.fill(words, _WRAP, initial_indent="  ", subsequent_indent="  ") + "\n"
    if f.kind == "list":
        return f"{name}: [{', '.join(_scalar(str(v)) for v in value)}]\n"
    if f.kind == "citations":
        out = [f"{name}:"]
        for c in value:
            out.append(f"  - document: {_scalar(c['document'])}")
            out.append(f"    section: {_quoted(c['section'])}")
            if c.get("heading"):
                out.append(f"    heading: {_quoted(c['heading'])}")
        return "\n".join(out) + "\n"
    if f.kind == "links":
        out = [f"{name}:"]
        for link in value:
            out.append(f"  - url: {_scalar(link['url'])}")
            out.append(f"    label: {_quoted(link['label'])}")
        return "\n".join(out) + "\n"
    if f.kind == "evidence":
        out = [f"{name}:", f"  level: {_scalar(value['level'])}"]
        if value.get("basis"):
            out.append(f"  basis: {_quoted(value['basis'])}")
        return "\n".join(out) + "\n"
    if f.kind == "date":
        return f"{name}: {value}\n"
    return f"{name}: {_scalar(str(value))}\n"


def _wrap_values(pairs: list[tuple[str, str]], prefix: str = "#   ") -> list[str]:
    if not pairs:
        return []
    if all(label for _, label in pairs) and len(pairs) <= 30:
        width = max(len(i) for i, _ in pairs)
        return [f"{prefix}{i.ljust(width)}  {label}" for i, label in pairs]
    return textwrap.wrap(", ".join(i for i, _ in pairs), _WRAP, initial_indent=prefix, subsequent_indent=prefix,
                         break_on_hyphens=False, break_long_words=False)


def _allowed(name: str, cat: validation.Catalogue, chosen: dict) -> list[str]:
    """Comment lines listing the values a field may take."""
    vocab = cat.vocab.by_name
    if name == "subthemes":
        themes = chosen.get("themes") or vocab["themes"].ids()
        lines = ["# Toegestane waarden (subthema, bij thema):"]
        pairs = [(t.id, f"{t.label} (bij {t.get('theme')})") for t in vocab["subthemes"] if t.get("theme") in themes]
        return lines + _wrap_values(pairs)
    if name == "intervention_type":
        forms = [(t.id, t.label) for t in vocab["forms"]]
        types = [(t.id, "") for t in vocab["intervention_types"] if not t.get("generic")]
        return (["# Vormen (vocabularies/forms.yaml):"] + _wrap_values(forms)
                + ["# Interventietypen (vocabularies/intervention_types/):"] + _wrap_values(types))
    if name == "sources":
        lines = ["# Brondocumenten (document):"] + _wrap_values([(t.id, t.label) for t in vocab["sources"]])
        for doc in vocab["sources"]:
            if doc.get("sections"):
                lines.append(f"# Paragrafen van {doc.id} (section):")
                lines += _wrap_values([(str(s["id"]), str(s.get("label", ""))) for s in doc.get("sections")])
        return lines
    if name == "evidence":
        return ["# Niveaus (level):"] + _wrap_values([(t.id, t.label) for t in vocab["evidence_levels"]])
    f = _FIELDS[name]
    if f.vocab == "organisations":
        return ["# Organisaties (bestandsnamen in catalogue/organisaties/):"] + _wrap_values(
            [(k, "") for k in sorted(cat.organisations)])
    if f.vocab == "pages":
        return ["# Kennisbankpagina's:"] + _wrap_values([(k, p.get("title", "")) for k, p in sorted(cat.pages.items())])
    if f.vocab and f.vocab in vocab:
        return ["# Toegestane waarden:"] + _wrap_values([(t.id, t.label) for t in vocab[f.vocab]])
    return []


_EXAMPLES = {
    "summary": "summary: >-\n#   Eén of twee zinnen in eigen woorden.",
    "description": "description: |\n#   Wat het is, voor wie, hoe het werkt, wie het aanbiedt, waar het is gebruikt.",
    "sources": 'sources:\n#   - document: quickscan\n#     section: "2.4"\n#     heading: "Kopje in de bron"',
    "links": 'links:\n#   - url: https://www.voorbeeld.nl/\n#     label: "Website van ..."',
    "evidence": 'evidence:\n#   level: goed-beschreven\n#   basis: "Welke bron dit zegt, met plaats"',
    "chain_category": "chain_category: B",
    "chain_category_origin": "chain_category_origin: redactie",
    "intervention_type": "intervention_type: scan",
    "timing": 'timing: "2022 tot en met 2025"',
    "costs": 'costs: "€ 10.000"',
}


def _example_value(name: str, cat: validation.Catalogue, chosen: dict) -> str:
    vocab = cat.vocab.by_name
    f = _FIELDS[name]
    if name == "subthemes":
        themes = chosen.get("themes") or vocab["themes"].ids()
        return next((t.id for t in vocab["subthemes"] if t.get("theme") in themes), "")
    if f.vocab == "organisations":
        return next(iter(sorted(cat.organisations)), "")
    if f.vocab == "pages":
        return next(iter(sorted(cat.pages)), "")
    if f.vocab and f.vocab in vocab and len(vocab[f.vocab]):
        return vocab[f.vocab].ids()[0]
    return ""


def _hint(name: str, cat: validation.Catalogue, chosen: dict) -> str:
    f = _FIELDS[name]
    lines = [f"# --- {name} ({'verplicht' if f.required else 'optioneel'}): {f.help}"]
    lines += _allowed(name, cat, chosen)
    example = _EXAMPLES.get(name)
    if example is None:
        value = _example_value(name, cat, chosen)
        example = f"{name}: [{value or '...'}]" if f.many else f"{name}: {value or '...'}"
    first, *rest = example.split("\n")
    lines.append(f"# {first}")
    lines += rest
    return "\n".join(lines) + "\n"


# -- checking given values ----------------------------------------------------------------------
def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


def _suggest(value, ids) -> str:
    ids = ids.ids() if hasattr(ids, "ids") else [str(i) for i in ids]
    close = difflib.get_close_matches(str(value), ids, n=3, cutoff=0.6)
    return f" Bedoelde u {' of '.join(repr(c) for c in close)}?" if close else ""


def _check(fields: dict, cat: validation.Catalogue) -> list[str]:
    errors = []
    vocab = cat.vocab.by_name
    lookups = {**vocab, "organisations": set(cat.organisations), "pages": set(cat.pages),
               "interventions": set(cat.records)}
    for name, value in fields.items():
        f = _FIELDS[name]
        if f.kind == "choice":
            if value not in lookups[f.vocab]:
                errors.append(f"'{value}' is geen geldige waarde voor '{name}'.{_suggest(value, lookups[f.vocab])}")
        elif f.kind == "list" and f.vocab:
            for item in value:
                if item not in lookups[f.vocab]:
                    errors.append(f"'{item}' in '{name}' is onbekend.{_suggest(item, lookups[f.vocab])}")
        elif f.kind == "citations":
            for c in value:
                doc = c.get("document")
                if doc not in vocab["sources"]:
                    errors.append(f"onbekend brondocument '{doc}'.{_suggest(doc, vocab['sources'].ids())} "
                                  f"Toegestaan: {', '.join(vocab['sources'].ids())}.")
                    continue
                sections = [str(s["id"]) for s in vocab["sources"][doc].get("sections") or []]
                if not str(c.get("section") or "").strip():
                    errors.append("een bronvermelding mist 'section' (paragraaf of onderdeel).")
                elif sections and str(c["section"]) not in sections:
                    errors.append(f"'{c['section']}' is geen paragraaf van '{doc}'. Mogelijk: {', '.join(sections)}.")
        elif f.kind == "evidence" and value.get("level") not in vocab["evidence_levels"]:
            errors.append(f"'{value.get('level')}' is geen bewijsniveau.")
        elif f.kind in ("text", "markdown") and f.max_length and len(str(value).strip()) > f.max_length:
            errors.append(f"'{name}' is {len(str(value).strip())} tekens lang; hoogstens {f.max_length}.")
    return errors


def _normalise(name: str, value):
    f = _FIELDS[name]
    if f.kind == "list":
        return [str(v).strip() for v in _as_list(value) if str(v).strip()]
    if f.kind in ("citations", "links"):
        return [dict(v) for v in ([value] if isinstance(value, dict) else value or [])]
    if f.kind == "evidence":
        return {"level": value} if isinstance(value, str) else dict(value)
    if f.kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    return value


def render(rid: str, fields: dict, cat: validation.Catalogue) -> str:
    """The text of a new record file: given fields filled in, hints for the others."""
    parts = [HEADER]
    for f in schema.RECORD_FIELDS:
        if f.name == "id":
            parts.append(_render("id", rid))
        elif fields.get(f.name) not in (None, "", [], {}):
            parts.append(_render(f.name, fields[f.name]))
        else:
            parts.append(_hint(f.name, cat, fields))
    return "".join(parts)


def new_record(catalogue_root, title: str, **fields) -> Path:
    """Write catalogue_root/interventies/<id>.yaml for a new intervention and return its path.

    The id is slugified from the title unless `id` is given. Raises NewRecordError (Dutch message)
    for an existing id, an unknown field or a value that is not allowed.
    """
    root = Path(catalogue_root)
    title = " ".join(str(title or "").split())
    if not title:
        raise NewRecordError("geef een titel: de naam van de interventie zoals een lezer die kent.")
    unknown = [k for k in fields if k not in _FIELDS or k in ("title",)]
    if unknown:
        raise NewRecordError(f"onbekend veld '{unknown[0]}'.{_suggest(unknown[0], _FIELDS)} "
                             f"Toegestane velden: {', '.join(_FIELDS)}.")
    rid = fields.pop("id", None) or slugify(title)
    if not rid or not schema.ID_PATTERN.match(rid):
        raise NewRecordError(f"'{rid}' is geen geldige id. Gebruik kleine letters, cijfers en koppeltekens, "
                             "bijvoorbeeld 'scan-veilig-gedrag'.")
    path = root / validation.INTERVENTIONS_DIR / f"{rid}.yaml"
    if path.exists():
        raise NewRecordError(f"er bestaat al een interventie met id '{rid}' ({path}). Bewerk dat bestand, of kies "
                             "een andere titel of een eigen id.")
    clean = {k: _normalise(k, v) for k, v in fields.items() if v not in (None, "", [], {})}
    clean["title"] = title
    today = dt.date.today().isoformat()
    clean.setdefault("added", today)
    clean.setdefault("last_reviewed", today)
    cat = validation.load(root)[0]
    errors = _check(clean, cat)
    if errors:
        raise NewRecordError("de interventie is niet aangemaakt:\n" + "\n".join(f"- {e}" for e in errors))
    text = render(rid, clean, cat)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as fh:  # 'x': never overwrite a file made in the meantime
        fh.write(text)
    return path


# -- interactive --------------------------------------------------------------------------------
class _Asker:
    def __init__(self, input, print):
        self.input, self.print = input, print

    def text(self, prompt: str, max_length: int | None = None, required: bool = False) -> str:
        while True:
            answer = " ".join(self.input(prompt).split())
            if not answer and required:
                self.print("Dit veld is verplicht.")
                continue
            if max_length and len(answer) > max_length:
                self.print(f"Dat zijn {len(answer)} tekens; hoogstens {max_length}. Maak het korter.")
                continue
            return answer

    def show(self, options: list[tuple[str, str]]) -> None:
        width = len(str(len(options)))
        for n, (key, label) in enumerate(options, 1):
            self.print(f"  {str(n).rjust(width)}. {key}" + (f" — {label}" if label else ""))

    def choose(self, prompt: str, options: list[tuple[str, str]], many: bool, extra: list[str] = (),
               default: str = "") -> list[str]:
        """Ask for one (or more, comma-separated) values by id or number; re-ask until all are allowed."""
        allowed = [k for k, _ in options] + list(extra)
        self.show(options)
        while True:
            answer = self.input(prompt).strip() or default
            if not answer:
                return []
            tokens = [t for t in re.split(r"[,\s]+", answer) if t]
            chosen, wrong = [], []
            for token in tokens:
                if token.isdigit() and 1 <= int(token) <= len(options):
                    token = options[int(token) - 1][0]
                (chosen if token in allowed else wrong).append(token)
            if wrong:
                for token in wrong:
                    self.print(f"'{token}' is niet toegestaan.{_suggest(token, allowed)}")
                self.print("Kies uit de lijst: een nummer of de waarde links.")
                continue
            if not many and len(chosen) > 1:
                self.print("Kies één waarde.")
                continue
            return list(dict.fromkeys(chosen))


def interactive(catalogue_root, input=input, print=print) -> Path:
    """Ask for the main fields of a new intervention, then write it with new_record."""
    root = Path(catalogue_root)
    cat = validation.load(root)[0]
    vocab = cat.vocab.by_name
    ask = _Asker(input, print)
    print("Nieuwe interventie. Laat een vraag leeg om het veld later in het bestand in te vullen.")
    while True:
        title = ask.text("Titel (de naam zoals een lezer die kent): ", schema.TITLE_MAX, required=True)
        rid = slugify(title)
        if not rid:
            print("Uit deze titel valt geen id te maken. Gebruik letters of cijfers.")
            continue
        if (root / validation.INTERVENTIONS_DIR / f"{rid}.yaml").exists():
            print(f"Er bestaat al een interventie met id '{rid}'. Kies een andere titel of bewerk dat bestand.")
            continue
        break
    print(f"Bestand: {validation.INTERVENTIONS_DIR}/{rid}.yaml")
    fields: dict = {"id": rid}
    fields["summary"] = ask.text("Samenvatting (één of twee zinnen, hoogstens 300 tekens): ", schema.SUMMARY_MAX)
    fields["description"] = ask.text("Beschrijving (één alinea; uitgebreider kan later in het bestand): ")
    print("Thema's (het eerste is het hoofdthema):")
    fields["themes"] = ask.choose("Thema's (nummers of ids, met komma's): ",
                                  [(t.id, t.label) for t in vocab["themes"]], many=True)
    subs = [(t.id, t.label) for t in vocab["subthemes"]
            if not fields["themes"] or t.get("theme") in fields["themes"]]
    print("Subthema's:")
    fields["subthemes"] = ask.choose("Subthema's (nummers of ids, met komma's): ", subs, many=True)
    print("Ketencategorie:")
    chain = ask.choose("Ketencategorie: ", [(t.id, t.label) for t in vocab["chain_categories"]], many=False)
    if chain:
        fields["chain_category"] = chain[0]
        print("Wie deelde in? 'bron' als de bron de categorie noemt (QuickScan 2.4), anders 'redactie'.")
        origin = ask.choose("Herkomst [redactie]: ", [(t.id, t.label) for t in vocab["chain_origins"]],
                            many=False, default="redactie")
        fields["chain_category_origin"] = origin[0]
    print("Vorm (of een interventietype-id uit vocabularies/intervention_types/):")
    types = [t.id for t in vocab["intervention_types"] if not t.get("generic")]
    kind = ask.choose("Vorm of interventietype: ", [(t.id, t.label) for t in vocab["forms"]], many=False, extra=types)
    fields["intervention_type"] = kind[0] if kind else None
    print("Sectoren:")
    fields["sectors"] = ask.choose("Sectoren (nummers of ids, met komma's): ",
                                   [(t.id, t.label) for t in vocab["sectors"]], many=True)
    print("Doelgroepen:")
    fields["target_groups"] = ask.choose("Doelgroepen (nummers of ids, met komma's): ",
                                         [(t.id, t.label) for t in vocab["target_groups"]], many=True)
    sources = []
    while True:
        print("Bron (het document waarin de interventie staat):")
        doc = ask.choose("Brondocument: ", [(t.id, t.label) for t in vocab["sources"]], many=False)
        if not doc:
            break
        sections = vocab["sources"][doc[0]].get("sections") or []
        if sections:
            print("Paragraaf:")
            section = ask.choose("Paragraaf: ", [(str(s["id"]), str(s.get("label", ""))) for s in sections], many=False)
            section = section[0] if section else ""
        else:
            section = ask.text("Onderdeel (bijvoorbeeld 'Activiteit 4'): ", required=True)
        if not section:
            print("Zonder paragraaf of onderdeel telt de vindplaats niet mee.")
            continue
        citation = {"document": doc[0], "section": section}
        heading = ask.text("Kopje in de bron (optioneel): ")
        if heading:
            citation["heading"] = heading
        sources.append(citation)
        if ask.text("Nog een vindplaats? (j/n) [n]: ").lower() not in ("j", "ja", "y"):
            break
    fields["sources"] = sources
    path = new_record(root, title, **fields)
    missing = [f.name for f in schema.RECORD_FIELDS if f.required and not fields.get(f.name) and f.name != "title"]
    print(f"Aangemaakt: {path}")
    if missing:
        print(f"Nog in te vullen (verplicht): {', '.join(missing)}.")
    print("Vul het bestand verder aan en controleer met: .venv/bin/python -m kb validate")
    return path


def command(catalogue_root, title: str | None = None, out=print, err=None, input=input, **fields) -> int:
    """`kb new`: with a title, write the record at once; without, ask (interactive). Returns the exit code."""
    import sys

    err = err or (lambda *a: print(*a, file=sys.stderr))
    try:
        if title:
            path = new_record(catalogue_root, title, **{k: v for k, v in fields.items() if v not in (None, [], "")})
            out(f"Aangemaakt: {path}\nVul het bestand aan en controleer met: .venv/bin/python -m kb validate")
        else:
            interactive(catalogue_root, input=input, print=out)
    except NewRecordError as exc:
        err(f"Niet aangemaakt: {exc}")
        return 1
    except (EOFError, KeyboardInterrupt):
        err("\nAfgebroken; er is niets aangemaakt.")
        return 1
    return 0
