"""Find runs of words that a catalogue text shares with the source documents.

The content guide forbids copying sentences: no run of eight or more consecutive words may be
identical to a source. This module finds such runs so editors and tests can catch them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

RUN_LENGTH = 8
_WORD = re.compile(r"\w+", re.UNICODE)
# Words split over a line end by the PDF conversion ('Werkveiligheids-\n\nwijzer').
_BROKEN_WORD = re.compile(r"(\w)-\s*\n\s*(\w)")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(_BROKEN_WORD.sub(r"\1\2", text))]


@dataclass(frozen=True)
class CopiedRun:
    field: str
    words: str


class SourceIndex:
    """All word n-grams of the source documents, for fast look-up."""

    def __init__(self, texts: list[str], n: int = RUN_LENGTH):
        self.n = n
        self._grams: set[tuple[str, ...]] = set()
        for text in texts:
            ws = words(text)
            self._grams.update(tuple(ws[i : i + n]) for i in range(len(ws) - n + 1))

    @classmethod
    def from_folder(cls, folder: Path, n: int = RUN_LENGTH) -> "SourceIndex":
        return cls([p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))], n)

    def copied_runs(self, text: str) -> list[str]:
        """The maximal runs of at least n words in text that also stand in a source."""
        ws = words(text)
        hits = [i for i in range(len(ws) - self.n + 1) if tuple(ws[i : i + self.n]) in self._grams]
        runs: list[str] = []
        start = end = None
        for i in hits:
            if end is not None and i <= end:
                end = i + self.n
                continue
            if start is not None:
                runs.append(" ".join(ws[start:end]))
            start, end = i, i + self.n
        if start is not None:
            runs.append(" ".join(ws[start:end]))
        return runs


def record_texts(path: Path) -> dict[str, str]:
    """The prose of a record or page file that must be in our own words."""
    import yaml

    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        return {"tekst": text}
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(data.get(k) or "") for k in ("summary", "description")}
