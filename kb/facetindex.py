"""Facet filtering and counting with bitsets.

Every record has a position (its document number in the search index). For each facet value the
index keeps one Python int whose bit n is set when record n has that value; a set of results is an
int too. Filtering is then a few ANDs and a count is one `bit_count()`, however many records there
are, instead of a loop over every record for every request.
"""
from __future__ import annotations

from collections.abc import Iterable

from kb.facets import FACETS

# For each byte value, the positions of its set bits: turns a bitset back into positions quickly.
_BYTE_BITS = tuple(tuple(i for i in range(8) if b >> i & 1) for b in range(256))


def from_positions(positions: Iterable[int], size: int) -> int:
    """A bitset with the given positions set."""
    mask = bytearray((size + 7) // 8)
    for p in positions:
        mask[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(mask, "little")


def positions(bits: int) -> list[int]:
    """The set positions of a bitset, in ascending order."""
    out = []
    for i, byte in enumerate(bits.to_bytes((bits.bit_length() + 7) // 8, "little")):
        if byte:
            base = i << 3
            out.extend(base + b for b in _BYTE_BITS[byte])
    return out


class FacetIndex:
    """Bitsets per facet value over records in a fixed order (position = index document number)."""

    def __init__(self, records_by_position: list[dict]):
        self.size = len(records_by_position)
        self.all = (1 << self.size) - 1
        grouped: dict[str, dict[str, list[int]]] = {f.param: {} for f in FACETS}
        for pos, rec in enumerate(records_by_position):
            for param, values in rec["facets"].items():
                bucket = grouped[param]
                for v in values:
                    bucket.setdefault(v, []).append(pos)
        self.bits = {param: {v: from_positions(ps, self.size) for v, ps in values.items()}
                     for param, values in grouped.items()}

    def selection(self, param: str, wanted: Iterable[str]) -> int:
        """Records with any of the wanted values of one facet (OR within a facet)."""
        bits = 0
        for v in wanted:
            bits |= self.bits[param].get(v, 0)
        return bits

    def apply(self, matched: int, filters: dict) -> tuple[int, dict[str, int]]:
        """The matched records passing every filter, and per facet param the records passing all
        the *other* filters (what that facet's counts are taken over)."""
        chosen = {p: self.selection(p, vs) for p, vs in filters.items() if vs}
        passing = matched
        for bits in chosen.values():
            passing &= bits
        bases = {}
        for facet in FACETS:
            base = matched
            for p, bits in chosen.items():
                if p != facet.param:
                    base &= bits
            bases[facet.param] = base
        return passing, bases

    def counts(self, param: str, base: int) -> dict[str, int]:
        """How many records of `base` have each value of one facet; values with none left out."""
        out = {}
        for value, bits in self.bits[param].items():
            n = (base & bits).bit_count()
            if n:
                out[value] = n
        return out
