"""Read the whole catalogue folder and check it, reporting every problem at once.

Each problem names the file and line and says what to do, in Dutch, for editors. The result of a
clean run is a `Catalogue`: vocabularies, organisations, pages and records, ready to build.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from kb import general_words, schema, synonyms, yamlsource
from kb.vocabularies import FILES, TYPES_DIR, Term, Vocabularies, Vocabulary

INTERVENTIONS_DIR = "interventies"
ORGANISATIONS_DIR = "organisaties"
PAGES_DIR = "kennisbank"
VOCAB_DIR = "vocabularies"
SYNONYMS_FILE = "synonyms.yaml"
GENERAL_WORDS_FILE = "general_words.yaml"

VOCAB_LABELS = {  # how a vocabulary is named in a message, and where an editor finds it
    "themes": ("thema's", "vocabularies/themes.yaml"),
    "subthemes": ("subthema's", "vocabularies/themes.yaml"),
    "chain_categories": ("ketencategorieën", "vocabularies/chain_categories.yaml"),
    "chain_origins": ("herkomst van de ketencategorie", "vocabularies/chain_origins.yaml"),
    "evidence_levels": ("bewijsniveaus", "vocabularies/evidence_levels.yaml"),
    "sectors": ("sectoren", "vocabularies/sectors.yaml"),
    "target_groups": ("doelgroepen", "vocabularies/target_groups.yaml"),
    "forms": ("vormen", "vocabularies/forms.yaml"),
    "intervention_types": ("vormen en interventietypen", "vocabularies/forms.yaml en vocabularies/intervention_types/"),
    "organisation_kinds": ("soorten organisaties", "vocabularies/organisation_kinds.yaml"),
    "sources": ("brondocumenten", "vocabularies/sources.yaml"),
    "organisations": ("organisaties", "organisaties/"),
    "interventions": ("interventies", "interventies/"),
    "pages": ("kennisbankpagina's", "kennisbank/"),
}
_EFFECT_CLAIM = re.compile(r"\b(effectief|effectieve|bewezen effect\w*)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def format(self, root: Path | None = None) -> str:
        path = self.path
        if root is not None:
            try:
                path = self.path.relative_to(root)
            except ValueError:
                pass
        return f"{path}:{self.line}: {self.message}"


@dataclass
class Catalogue:
    """A checked catalogue: everything the build needs."""

    root: Path
    vocab: Vocabularies
    organisations: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    records: dict = field(default_factory=dict)
    synonyms: list = field(default_factory=list)  # groups of equivalent search terms
    general_words: list = field(default_factory=list)  # query words a record need not contain
    files: list = field(default_factory=list)  # every file read, for change detection


class _Checker:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.files: list[Path] = []

    def add(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message))

    # -- reading -------------------------------------------------------------------------------
    def read_yaml(self, path: Path, text: str | None = None, line_offset: int = 0):
        self.files.append(path)
        try:
            if text is None:
                text = path.read_text(encoding="utf-8")
            located = yamlsource.load(text)
        except UnicodeDecodeError:
            self.add(path, 1, "het bestand is geen UTF-8-tekst. Sla het op als UTF-8.")
            return None
        except yamlsource.YamlError as exc:
            self.add(path, exc.line + line_offset,
                     f"YAML-fout in kolom {exc.column}: {exc.message}. Controleer de inspringing "
                     "(spaties, geen tabs), de dubbele punt na elke veldnaam en de aanhalingstekens.")
            return None
        if line_offset:
            located.lines = {k: v + line_offset for k, v in located.lines.items()}
        for key_path, line in located.duplicate_keys:
            self.add(path, line + line_offset,
                     f"het veld '{key_path[-1]}' staat twee keer in dit bestand. Voeg de twee samen tot één veld.")
        return located

    # -- generic field checks ------------------------------------------------------------------
    def allowed_values(self, vocab: Vocabulary | set, vocab_name: str, value) -> str:
        ids = vocab.ids() if isinstance(vocab, Vocabulary) else sorted(vocab)
        name, where = VOCAB_LABELS[vocab_name]
        close = difflib.get_close_matches(str(value), ids, n=3, cutoff=0.6)
        hint = f" Bedoelde u {' of '.join(repr(c) for c in close)}?" if close else ""
        if len(ids) <= 30:
            return f"{hint} Toegestaan ({name}): {', '.join(ids)}."
        return f"{hint} De toegestane waarden staan in {where}."

    def check_fields(self, fields, data: dict, loc, path: Path, lookups: dict) -> dict:
        """Check data against field definitions; return the cleaned values."""
        known = {f.name: f for f in fields}
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.5)
                hint = f" Bedoelde u '{close[0]}'?" if close else ""
                self.add(path, loc.line(key), f"onbekend veld '{key}'.{hint} Toegestane velden: {', '.join(known)}.")
        clean: dict = {}
        for f in fields:
            if f.name not in data or data[f.name] in (None, "", []):
                if f.required:
                    self.add(path, loc.line(), f"het verplichte veld '{f.name}' ontbreekt of is leeg. {f.help}")
                continue
            value = self.check_value(f, data[f.name], loc, path, lookups)
            if value is not None:
                clean[f.name] = value
        return clean

    def check_value(self, f: schema.Field, value, loc, path: Path, lookups: dict):
        line = loc.line(f.name)
        if f.kind in ("text", "markdown"):
            if not isinstance(value, str):
                if isinstance(value, (int, float, dt.date)) and f.kind == "text":
                    value = str(value)
                else:
                    self.add(path, line, f"'{f.name}' moet tekst zijn. {f.help}")
                    return None
            value = value.strip()
            if f.max_length and len(value) > f.max_length:
                self.add(path, line, f"'{f.name}' is {len(value)} tekens lang; het mag hoogstens {f.max_length} "
                         "tekens zijn. Maak de tekst korter.")
            return value
        if f.kind == "id":
            if not isinstance(value, str) or not schema.ID_PATTERN.match(value):
                self.add(path, line, f"'{value}' is geen geldige id. Gebruik kleine letters, cijfers en koppeltekens, "
                         "bijvoorbeeld 'scan-veilig-gedrag'.")
                return None
            return value
        if f.kind == "integer":
            if not isinstance(value, int) or isinstance(value, bool):
                self.add(path, line, f"'{f.name}' moet een geheel getal zijn.")
                return None
            return value
        if f.kind == "url":
            return self.check_url(value, path, line)
        if f.kind == "date":
            if isinstance(value, dt.datetime):
                value = value.date()
            if isinstance(value, dt.date):
                return value.isoformat()
            try:
                return dt.date.fromisoformat(str(value)).isoformat()
            except ValueError:
                self.add(path, line, f"'{value}' is geen datum. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-24.")
                return None
        if f.kind == "choice":
            if isinstance(value, list):
                self.add(path, line, f"'{f.name}' heeft één waarde, geen lijst.{self.allowed_values(lookups[f.vocab], f.vocab, '')}")
                return None
            value = str(value)
            if value not in lookups[f.vocab]:
                self.add(path, line, f"'{value}' is geen geldige waarde voor '{f.name}'."
                         + self.allowed_values(lookups[f.vocab], f.vocab, value))
                return None
            return value
        if f.kind == "list":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list):
                self.add(path, line, f"'{f.name}' moet een lijst zijn, bijvoorbeeld [waarde-1, waarde-2].")
                return None
            out = []
            for i, item in enumerate(value):
                item_line = loc.line(f.name, i)
                if not isinstance(item, (str, int, float)) or isinstance(item, bool) or str(item).strip() == "":
                    self.add(path, item_line, f"element {i + 1} van '{f.name}' moet een korte tekst zijn.")
                    continue
                item = str(item).strip()
                if f.vocab and item not in lookups[f.vocab]:
                    self.add(path, item_line, f"'{item}' in '{f.name}' is onbekend."
                             + self.allowed_values(lookups[f.vocab], f.vocab, item))
                    continue
                if item in out:
                    self.add(path, item_line, f"'{item}' staat twee keer in '{f.name}'. Haal er één weg.")
                    continue
                out.append(item)
            return out
        if f.kind == "links":
            return self.check_list_of_maps(f, value, loc, path, schema.LINK_KEYS, self.check_link)
        if f.kind == "citations":
            return self.check_list_of_maps(f, value, loc, path, schema.CITATION_KEYS,
                                           lambda d, p, ln, lp: self.check_citation(d, p, ln, lp, lookups))
        if f.kind == "evidence":
            return self.check_evidence(value, loc, path, lookups)
        raise AssertionError(f.kind)

    def check_list_of_maps(self, f, value, loc, path, keys, check_one):
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            self.add(path, loc.line(f.name), f"'{f.name}' moet een lijst zijn met per regel '- {keys[0]}: ...'.")
            return None
        out = []
        for i, item in enumerate(value):
            line = loc.line(f.name, i)
            if not isinstance(item, dict):
                self.add(path, line, f"element {i + 1} van '{f.name}' moet velden hebben: {', '.join(keys)}.")
                continue
            for key in item:
                if key not in keys:
                    close = difflib.get_close_matches(str(key), keys, n=1, cutoff=0.5)
                    hint = f" Bedoelde u '{close[0]}'?" if close else ""
                    self.add(path, loc.line(f.name, i, key), f"onbekend veld '{key}' in '{f.name}'.{hint} "
                             f"Toegestaan: {', '.join(keys)}.")
            checked = check_one(item, path, line, lambda *k, i=i: loc.line(f.name, i, *k))
            if checked is not None:
                out.append(checked)
        if len(out) < f.min_items and not value:
            self.add(path, loc.line(f.name), f"'{f.name}' moet minstens {f.min_items} element(en) hebben. {f.help}")
        return out

    def check_url(self, url, path: Path, line: int):
        if not isinstance(url, str) or not url.strip():
            self.add(path, line, "een link heeft geen URL. Vul 'url: https://...' in.")
            return None
        url = url.strip()
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https"):
            self.add(path, line, f"'{url}' is geen webadres: alleen URL's die beginnen met http:// of https:// zijn "
                     "toegestaan.")
            return None
        host = parsed.hostname or ""
        if not host or ("." not in host and host != "localhost") or any(c.isspace() for c in url):
            self.add(path, line, f"'{url}' is geen geldige URL: controleer de domeinnaam en haal spaties weg.")
            return None
        return url

    def check_link(self, item, path, line, line_of):
        url = self.check_url(item.get("url"), path, line_of("url"))
        label = item.get("label")
        if not isinstance(label, str) or not label.strip():
            self.add(path, line_of("label") if "label" in item else line,
                     "een link heeft geen label. Geef een korte Nederlandse omschrijving, bijvoorbeeld 'Website van de tool'.")
            return None
        return {"url": url, "label": label.strip()} if url else None

    def check_citation(self, item, path, line, line_of, lookups):
        doc = item.get("document")
        sources: Vocabulary = lookups["sources"]
        if doc not in sources:
            self.add(path, line_of("document"), f"onbekend brondocument '{doc}'." + self.allowed_values(sources, "sources", doc))
            return None
        section = item.get("section")
        if section is None or str(section).strip() == "":
            self.add(path, line, "een bronvermelding mist 'section': noem de paragraaf of het onderdeel, bijvoorbeeld \"2.4\".")
            return None
        section = str(section).strip()
        allowed = sources[doc].get("sections")
        if allowed:
            ids = [s["id"] for s in allowed]
            if section not in ids:
                close = difflib.get_close_matches(section, ids, n=1, cutoff=0.5)
                hint = f" Bedoelde u '{close[0]}'?" if close else ""
                self.add(path, line_of("section"), f"'{section}' is geen paragraaf van '{doc}'.{hint} "
                         f"Zet het paragraafnummer tussen aanhalingstekens; mogelijk: {', '.join(ids)}.")
                return None
        heading = item.get("heading")
        out = {"document": doc, "section": section}
        if heading not in (None, ""):
            out["heading"] = str(heading).strip()
        return out

    def check_evidence(self, value, loc, path, lookups):
        if isinstance(value, str):
            value = {"level": value}
        if not isinstance(value, dict):
            self.add(path, loc.line("evidence"), "'evidence' moet de velden 'level' en 'basis' hebben.")
            return None
        for key in value:
            if key not in schema.EVIDENCE_KEYS:
                self.add(path, loc.line("evidence", key), f"onbekend veld '{key}' in 'evidence'. Toegestaan: level, basis.")
        level = value.get("level", "niet-beoordeeld")
        if level not in lookups["evidence_levels"]:
            self.add(path, loc.line("evidence", "level"), f"'{level}' is geen bewijsniveau."
                     + self.allowed_values(lookups["evidence_levels"], "evidence_levels", level))
            return None
        basis = value.get("basis")
        if level != "niet-beoordeeld" and not (isinstance(basis, str) and basis.strip()):
            self.add(path, loc.line("evidence"), f"bij bewijsniveau '{level}' hoort een 'basis': noem de bron die dit "
                     "zegt (document en plaats). Zonder bron blijft het niveau 'niet-beoordeeld'.")
            return None
        return {"level": level, "basis": basis.strip() if isinstance(basis, str) else None}


def _as_list(checker: _Checker, path: Path, located) -> list:
    if located is None:
        return []
    if not isinstance(located.data, list):
        checker.add(path, 1, "dit bestand moet een lijst zijn: elke waarde begint met '- id: ...'.")
        return []
    return located.data


def _load_terms(checker: _Checker, path: Path, name: str, required=schema.TERM_REQUIRED) -> dict:
    located = checker.read_yaml(path)
    terms: dict = {}
    for i, entry in enumerate(_as_list(checker, path, located)):
        line = located.line(i)
        if not isinstance(entry, dict):
            checker.add(path, line, "elke waarde moet velden hebben, minstens 'id' en 'label'.")
            continue
        missing = [k for k in required if entry.get(k) in (None, "")]
        if missing:
            checker.add(path, line, f"deze waarde mist {', '.join(missing)}. Vul die velden in.")
            continue
        term_id = str(entry["id"])
        if term_id in terms:
            checker.add(path, located.line(i, "id"), f"de id '{term_id}' staat twee keer in deze lijst. Ids moeten uniek zijn.")
            continue
        extra = {k: v for k, v in entry.items() if k not in ("id", "label", "description")}
        terms[term_id] = Term(term_id, str(entry["label"]), str(entry.get("description") or "").strip(), extra,
                              str(path), line)
    return terms


def _load_vocabularies(checker: _Checker, root: Path) -> Vocabularies:
    vdir = root / VOCAB_DIR
    by_name: dict = {}
    for name, filename in FILES.items():
        path = vdir / filename
        if not path.exists():
            checker.add(path, 1, f"het vocabulairebestand {filename} ontbreekt. Zet het terug uit de repository.")
            by_name[name] = Vocabulary(name, {})
            continue
        by_name[name] = Vocabulary(name, _load_terms(checker, path, name))
    subthemes: dict = {}
    for theme in by_name["themes"]:
        for j, sub in enumerate(theme.get("subthemes") or []):
            if not isinstance(sub, dict) or not sub.get("id") or not sub.get("label"):
                checker.add(Path(theme.file), theme.line, f"een subthema van '{theme.id}' mist 'id' of 'label'.")
                continue
            if sub["id"] in subthemes:
                checker.add(Path(theme.file), theme.line, f"het subthema '{sub['id']}' staat bij twee thema's.")
                continue
            extra = {k: v for k, v in sub.items() if k not in ("id", "label", "description")}
            extra["theme"] = theme.id
            subthemes[sub["id"]] = Term(sub["id"], sub["label"], str(sub.get("description") or ""), extra, theme.file, theme.line)
    by_name["subthemes"] = Vocabulary("subthemes", subthemes)
    # Every form is also an intervention type of its own; specific types add to those.
    types = {t.id: Term(t.id, t.label, t.description, {"form": t.id, "generic": True}, t.file, t.line)
             for t in by_name["forms"]}
    tdir = vdir / TYPES_DIR
    for path in sorted(tdir.glob("*.yaml")) if tdir.is_dir() else []:
        for term_id, term in _load_terms(checker, path, "intervention_types", schema.TYPE_REQUIRED).items():
            if term_id in types:
                other = "een vorm in forms.yaml" if types[term_id].get("generic") else Path(types[term_id].file).name
                checker.add(path, term.line, f"het interventietype '{term_id}' bestaat al ({other}). Kies een andere id.")
                continue
            if term.get("form") not in by_name["forms"]:
                checker.add(path, term.line, f"'{term.get('form')}' is geen vorm."
                            + checker.allowed_values(by_name["forms"], "forms", term.get("form")))
                continue
            term.extra["generic"] = False
            types[term_id] = term
    by_name["intervention_types"] = Vocabulary("intervention_types", types)
    return Vocabularies(by_name)


def _check_id(checker: _Checker, path: Path, loc, value) -> None:
    if value is not None and str(value) != path.stem:
        checker.add(path, loc.line("id"), f"de id '{value}' is niet gelijk aan de bestandsnaam '{path.stem}'. "
                    f"Maak ze gelijk: hernoem het bestand naar {value}{path.suffix} of zet id: {path.stem}.")


def _load_mapping_files(checker: _Checker, folder: Path, suffix: str):
    for path in sorted(folder.glob(f"*{suffix}")) if folder.is_dir() else []:
        yield path


def load(root: Path) -> tuple[Catalogue, list[Problem]]:
    """Read and check the catalogue under root. Returns the catalogue and all problems found."""
    root = Path(root)
    checker = _Checker(root)
    vocab = _load_vocabularies(checker, root)
    lookups = dict(vocab.by_name)
    cat = Catalogue(root, vocab)

    # Organisations.
    raw_orgs = []
    for path in _load_mapping_files(checker, root / ORGANISATIONS_DIR, ".yaml"):
        loc = checker.read_yaml(path)
        if loc is None:
            continue
        if not isinstance(loc.data, dict):
            checker.add(path, 1, "een organisatiebestand moet velden hebben (id, name, kind).")
            continue
        raw_orgs.append((path, loc))
    for path, loc in raw_orgs:
        clean = checker.check_fields(schema.ORGANISATION_FIELDS, loc.data, loc, path, lookups)
        _check_id(checker, path, loc, loc.data.get("id"))
        clean["id"] = path.stem
        clean.setdefault("aliases", [])
        cat.organisations[path.stem] = clean
    lookups["organisations"] = set(cat.organisations)

    # Records: read all first, so that 'related' can point at any of them.
    raw_records = []
    for path in _load_mapping_files(checker, root / INTERVENTIONS_DIR, ".yaml"):
        loc = checker.read_yaml(path)
        if loc is None:
            continue
        if not isinstance(loc.data, dict):
            checker.add(path, 1, "een interventie moet velden hebben; begin met 'id: ...' en 'title: ...'.")
            continue
        raw_records.append((path, loc))
    for path in sorted((root / INTERVENTIONS_DIR).glob("*")) if (root / INTERVENTIONS_DIR).is_dir() else []:
        if path.suffix in (".yml", ".json", ".txt") or (path.is_file() and path.suffix == ""):
            checker.add(path, 1, "dit bestand wordt niet gelezen: interventies moeten eindigen op .yaml.")
    lookups["interventions"] = {p.stem for p, _ in raw_records}

    # Pages (front matter + Markdown body).
    pages_dir = root / PAGES_DIR
    for path in _load_mapping_files(checker, pages_dir, ".md"):
        if path.name.lower() == "readme.md":
            continue
        text = path.read_text(encoding="utf-8")
        try:
            front, body, body_line = yamlsource.split_front_matter(text)
        except yamlsource.YamlError as exc:
            checker.add(path, exc.line, exc.message)
            continue
        if not front:
            checker.add(path, 1, "deze pagina heeft geen YAML-kop. Begin met '---', dan title, summary en sources, "
                        "en sluit af met '---'.")
            continue
        if not schema.ID_PATTERN.match(path.stem):
            checker.add(path, 1, f"de bestandsnaam '{path.name}' moet uit kleine letters, cijfers en koppeltekens bestaan.")
            continue
        loc = checker.read_yaml(path, front, line_offset=1)
        if loc is None:
            continue
        if not isinstance(loc.data, dict):
            checker.add(path, 2, "de YAML-kop moet velden hebben: title, summary, sources.")
            continue
        clean = checker.check_fields(schema.PAGE_FIELDS, loc.data, loc, path, lookups)
        clean.update(id=path.stem, body=body.strip(), path=str(path.relative_to(root)))
        clean.setdefault("themes", [])
        clean.setdefault("order", 100)
        if not clean["body"]:
            checker.add(path, body_line, "de pagina heeft geen tekst onder de YAML-kop.")
        cat.pages[path.stem] = clean
    lookups["pages"] = set(cat.pages)

    seen_ids: dict = {}
    for path, loc in raw_records:
        data = loc.data
        clean = checker.check_fields(schema.RECORD_FIELDS, data, loc, path, lookups)
        _check_id(checker, path, loc, data.get("id"))
        rid = str(data.get("id") or path.stem)
        if rid in seen_ids and seen_ids[rid] != path:
            checker.add(path, loc.line("id"), f"de id '{rid}' wordt ook gebruikt in {seen_ids[rid].name}. "
                        "Elke interventie heeft een eigen id.")
        seen_ids.setdefault(rid, path)
        _check_record_consistency(checker, path, loc, clean, vocab)
        clean["id"] = path.stem
        for key in ("organisations", "links", "aliases", "keywords", "related", "guides"):
            clean.setdefault(key, [])
        clean.setdefault("evidence", {"level": "niet-beoordeeld", "basis": None})
        clean["form"] = vocab.form_of_type(clean.get("intervention_type", "")) or ""
        clean["path"] = str(path.relative_to(root))
        cat.records[path.stem] = clean

    synonyms_path = root / SYNONYMS_FILE
    if synonyms_path.exists():
        located = checker.read_yaml(synonyms_path)
        if located is not None:
            cat.synonyms = synonyms.check(checker, synonyms_path, located)
    general_path = root / GENERAL_WORDS_FILE
    if general_path.exists():
        located = checker.read_yaml(general_path)
        if located is not None:
            synonym_keys = {synonyms.key(t) for group in cat.synonyms for t in group}
            cat.general_words = general_words.check(checker, general_path, located, synonym_keys)

    cat.files = sorted(set(checker.files))
    problems = sorted(checker.problems, key=lambda p: (str(p.path), p.line))
    return cat, problems


def _check_record_consistency(checker: _Checker, path: Path, loc, rec: dict, vocab: Vocabularies) -> None:
    themes = rec.get("themes") or []
    for i, sub in enumerate(rec.get("subthemes") or []):
        theme = vocab.theme_of_subtheme(sub)
        if themes and theme not in themes:
            checker.add(path, loc.line("subthemes"), f"het subthema '{sub}' hoort bij thema '{theme}', dat niet bij "
                        f"'themes' staat. Voeg '{theme}' toe aan themes of kies een subthema van "
                        f"{', '.join(themes)}.")
    if rec.get("id") and rec["id"] in (rec.get("related") or []):
        checker.add(path, loc.line("related"), "een interventie kan niet naar zichzelf verwijzen in 'related'.")
    seen_urls = set()
    for i, link in enumerate(rec.get("links") or []):
        if link["url"] in seen_urls:
            checker.add(path, loc.line("links", i), f"de URL {link['url']} staat twee keer bij 'links'. Haal er één weg.")
        seen_urls.add(link["url"])
    level = (rec.get("evidence") or {}).get("level", "niet-beoordeeld")
    if not level.startswith("effectief"):
        for key in ("summary", "description"):
            match = _EFFECT_CLAIM.search(rec.get(key) or "")
            if match:
                checker.add(path, loc.line(key), f"'{key}' noemt de interventie '{match.group(0)}', maar er is geen "
                            "bewijsniveau 'effectief' met een bron. Schrap de claim of vul 'evidence' in met de bron.")


def validate(root: Path) -> list[Problem]:
    return load(root)[1]
