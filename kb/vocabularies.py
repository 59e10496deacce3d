"""The controlled vocabularies under catalogue/vocabularies and the organisations list.

Every label the site shows comes from here; nothing else in the code spells a Dutch label for a
vocabulary value.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Vocabulary files and the facet/filter name each one serves.
FILES = {
    "themes": "themes.yaml",
    "chain_categories": "chain_categories.yaml",
    "chain_origins": "chain_origins.yaml",
    "evidence_levels": "evidence_levels.yaml",
    "sectors": "sectors.yaml",
    "target_groups": "target_groups.yaml",
    "forms": "forms.yaml",
    "organisation_kinds": "organisation_kinds.yaml",
    "sources": "sources.yaml",
}
TYPES_DIR = "intervention_types"


@dataclass
class Term:
    """One value of a vocabulary: its id, Dutch label and anything else the file says."""

    id: str
    label: str
    description: str = ""
    extra: dict = field(default_factory=dict)
    file: str = ""
    line: int = 0

    def get(self, key, default=None):
        return self.extra.get(key, default)

    def as_dict(self) -> dict:
        d = {"id": self.id, "label": self.label, "description": self.description}
        d.update({k: v for k, v in self.extra.items() if k not in d and k != "subthemes"})
        return d


@dataclass
class Vocabulary:
    name: str
    terms: dict  # id -> Term, in file order

    def __contains__(self, key) -> bool:
        return key in self.terms

    def __getitem__(self, key) -> Term:
        return self.terms[key]

    def __iter__(self):
        return iter(self.terms.values())

    def __len__(self) -> int:
        return len(self.terms)

    def ids(self) -> list[str]:
        return list(self.terms)

    def label(self, key: str) -> str:
        term = self.terms.get(key)
        return term.label if term else key


@dataclass
class Vocabularies:
    """All vocabularies of one catalogue, keyed by name (themes, subthemes, sectors, ...)."""

    by_name: dict

    def __getattr__(self, name):
        try:
            return self.__dict__["by_name"][name]
        except KeyError:
            raise AttributeError(name) from None

    def theme_of_subtheme(self, subtheme_id: str) -> str | None:
        term = self.by_name["subthemes"].terms.get(subtheme_id)
        return term.get("theme") if term else None

    def form_of_type(self, type_id: str) -> str | None:
        term = self.by_name["intervention_types"].terms.get(type_id)
        return term.get("form") if term else None
