"""Coverage: where the catalogue has examples and where it has gaps.

A theme × chain-category matrix for any selection of records, and a sector × theme overview of the
whole catalogue. Each cell knows its count, a shade (0-5) for the picture, and the filters that
open exactly those records.
"""
from __future__ import annotations

from dataclasses import dataclass

SHADES = 5


@dataclass
class Cell:
    count: int
    shade: int
    filters: dict  # facet param -> [values] that open this cell's records


@dataclass
class Matrix:
    rows: list  # (row term, [Cell per column], row total)
    columns: list  # column terms
    column_totals: list
    total: int
    row_param: str
    column_param: str


def _shade(count: int, top: int) -> int:
    if not count:
        return 0
    return max(1, round(SHADES * count / top)) if top else 0


def matrix(records, row_terms, column_terms, row_of, column_of, row_param, column_param, base_filters) -> Matrix:
    counts = {(r["id"], c["id"]): 0 for r in row_terms for c in column_terms}
    for rec in records:
        for r in row_of(rec):
            for c in column_of(rec):
                if (r, c) in counts:
                    counts[(r, c)] += 1
    top = max(counts.values(), default=0)
    rows = []
    for r in row_terms:
        cells = []
        for c in column_terms:
            n = counts[(r["id"], c["id"])]
            filters = {k: list(v) for k, v in base_filters.items()}
            filters[row_param] = [r["id"]]
            filters[column_param] = [c["id"]]
            cells.append(Cell(n, _shade(n, top), filters))
        rows.append((r, cells, sum(1 for rec in records if r["id"] in row_of(rec))))
    column_totals = [sum(1 for rec in records if c["id"] in column_of(rec)) for c in column_terms]
    return Matrix(rows, list(column_terms), column_totals, len(records), row_param, column_param)


def theme_by_chain(store, records, base_filters) -> Matrix:
    return matrix(records, list(store.themes), list(store.chain_categories), lambda r: r["themes"],
                  lambda r: [r["chain_category"]], "thema", "keten", base_filters)


def sector_by_theme(store, records) -> Matrix:
    sectors = [s for s in store.sectors]
    return matrix(records, sectors, list(store.themes), lambda r: r["sectors"], lambda r: r["themes"],
                  "sector", "thema", {})
