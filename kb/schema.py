"""The record schema: the one place that says which fields a record, an organisation and a
knowledge-base page have. Validation, the JSON Schema for editors and the docs derive from it."""
from __future__ import annotations

import re
from dataclasses import dataclass

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SUMMARY_MAX = 300
TITLE_MAX = 160


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text | markdown | id | choice | list | links | citations | evidence | date
    required: bool
    help: str  # Dutch, for editors
    vocab: str | None = None  # vocabulary whose ids the value(s) must be
    max_length: int | None = None
    min_items: int = 0

    @property
    def many(self) -> bool:
        return self.kind in ("list", "links", "citations")


RECORD_FIELDS: tuple[Field, ...] = (
    Field("id", "id", True, "Korte naam van de interventie in kleine letters en koppeltekens; gelijk aan de bestandsnaam."),
    Field("title", "text", True, "De naam van de interventie zoals een lezer die kent.", max_length=TITLE_MAX),
    Field("summary", "text", True, "Eén of twee zinnen platte tekst (hoogstens 300 tekens) waarmee een lezer in vijf seconden beslist.", max_length=SUMMARY_MAX),
    Field("description", "markdown", True, "Beschrijving in eigen woorden (Markdown): wat, voor wie, hoe, wie, waar, en wat de bron zegt over resultaten."),
    Field("themes", "list", True, "Eén of meer thema's; het eerste is het hoofdthema.", vocab="themes", min_items=1),
    Field("subthemes", "list", True, "Eén of meer subthema's die horen bij de gekozen thema's.", vocab="subthemes", min_items=1),
    Field("chain_category", "choice", True, "Categorie in de implementatieketen: A kennis, B analyse, C maatregelen, D cultuur en gedrag.", vocab="chain_categories"),
    Field("chain_category_origin", "choice", True, "'bron' als de bron de categorie geeft, 'redactie' als de redactie die koos.", vocab="chain_origins"),
    Field("intervention_type", "choice", True, "Een vorm (forms.yaml) of een interventietype (intervention_types/).", vocab="intervention_types"),
    Field("sectors", "list", True, "Eén of meer sectoren, of 'sectoroverstijgend'.", vocab="sectors", min_items=1),
    Field("target_groups", "list", True, "Eén of meer doelgroepen.", vocab="target_groups", min_items=1),
    Field("sources", "citations", True, "Elke plaats in de bronnen waar de interventie staat: document, paragraaf, kopje.", min_items=1),
    Field("organisations", "list", False, "Eigenaren en aanbieders: ids uit catalogue/organisaties/.", vocab="organisations"),
    Field("links", "links", False, "Elke URL die de bron geeft, met een kort Nederlands label (alleen http en https)."),
    Field("evidence", "evidence", False, "Niveau op de erkenningsladder en de bron die dat zegt; weglaten betekent 'niet beoordeeld'."),
    Field("aliases", "list", False, "Andere namen en afkortingen waaronder men zoekt."),
    Field("keywords", "list", False, "Trefwoorden, ook het fijnere sectorwoord uit de bron."),
    Field("related", "list", False, "Ids van verwante interventies.", vocab="interventions"),
    Field("guides", "list", False, "Ids van kennisbankpagina's waar de interventie bij hoort.", vocab="pages"),
    Field("timing", "text", False, "Looptijd of planning, als de bron die noemt.", max_length=300),
    Field("costs", "text", False, "Kosten of budget, als de bron die noemt.", max_length=300),
    Field("added", "date", False, "Datum van opname (JJJJ-MM-DD)."),
    Field("last_reviewed", "date", False, "Datum van de laatste inhoudelijke controle (JJJJ-MM-DD)."),
)

ORGANISATION_FIELDS: tuple[Field, ...] = (
    Field("id", "id", True, "Korte naam in kleine letters en koppeltekens; gelijk aan de bestandsnaam."),
    Field("name", "text", True, "De naam van de organisatie.", max_length=TITLE_MAX),
    Field("kind", "choice", True, "Soort organisatie.", vocab="organisation_kinds"),
    Field("website", "url", False, "Website, alleen als een bron die geeft."),
    Field("description", "text", False, "Eén zin over de organisatie.", max_length=400),
    Field("aliases", "list", False, "Andere namen en afkortingen."),
)

PAGE_FIELDS: tuple[Field, ...] = (
    Field("title", "text", True, "Titel van de pagina.", max_length=TITLE_MAX),
    Field("summary", "text", True, "Eén of twee zinnen over wat de lezer hier vindt.", max_length=SUMMARY_MAX),
    Field("themes", "list", False, "Thema's waar de pagina bij hoort.", vocab="themes"),
    Field("sources", "citations", True, "De plaatsen in de bronnen waarop de pagina steunt.", min_items=1),
    Field("order", "integer", False, "Volgorde in de lijst van kennisbankpagina's (laag eerst)."),
)

CITATION_KEYS = ("document", "section", "heading")
LINK_KEYS = ("url", "label")
EVIDENCE_KEYS = ("level", "basis")

# Keys of vocabulary entries that must be present.
TERM_REQUIRED = ("id", "label")
TYPE_REQUIRED = ("id", "label", "form", "description", "source")


def field_names(fields: tuple[Field, ...]) -> list[str]:
    return [f.name for f in fields]
