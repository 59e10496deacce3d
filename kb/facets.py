"""The facets: which tag of a record each filter reads, its URL parameter and its Dutch label."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    param: str  # URL parameter
    label: str  # Dutch heading on the page
    vocab: str  # vocabulary (store attribute) that gives labels and order
    sidebar: bool = True
    ordered: bool = False  # keep vocabulary order instead of sorting by count


FACETS: tuple[Facet, ...] = (
    Facet("thema", "Thema", "themes", ordered=True),
    Facet("subthema", "Subthema", "subthemes", ordered=True),
    Facet("keten", "Implementatieketen", "chain_categories", ordered=True),
    Facet("sector", "Sector", "sectors"),
    Facet("doelgroep", "Doelgroep", "target_groups"),
    Facet("vorm", "Vorm", "forms"),
    Facet("organisatie", "Organisatie", "organisations"),
    Facet("bron", "Bron", "sources", ordered=True),
    Facet("type", "Interventietype", "intervention_types", sidebar=False),
)
BY_PARAM = {f.param: f for f in FACETS}


def record_values(rec: dict) -> dict[str, list[str]]:
    """The values a record has for each facet."""
    return {
        "thema": rec["themes"],
        "subthema": rec["subthemes"],
        "keten": [rec["chain_category"]],
        "sector": rec["sectors"],
        "doelgroep": rec["target_groups"],
        "vorm": [rec["form"]],
        "organisatie": rec["organisations"],
        "bron": list(dict.fromkeys(c["document"] for c in rec["sources"])),
        "type": [rec["intervention_type"]],
    }


@dataclass
class FacetValue:
    id: str
    label: str
    count: int
    selected: bool
    url: str  # toggles this value


@dataclass
class FacetResult:
    facet: Facet
    values: list  # the values shown
    available: int = 0  # how many values the results have in all (more than shown when truncated)

    @property
    def hidden(self) -> int:
        return max(0, self.available - len(self.values))

    @property
    def selected(self) -> list:
        return [v for v in self.values if v.selected]
