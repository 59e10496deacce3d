"""Dutch text analysis for the search index: tokens, case, accents, stop words, stems, and the
variants of hyphenated and slashed words ('burn-out' = 'burnout', 'werk/privé' = 'werk privé')."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

# Words with letters and digits, kept whole across '-', '/', '&' and "'" ('RI&E', 'burn-out').
TOKEN_PATTERN = r"\w+(?:[-/&']\w+)*"
_JOINERS = re.compile(r"[-/']")
STOPWORDS = frozenset(stopwords_for_language("nl"))
_snowball_dutch = stemmer_for_language("nl")


class JoinedVariantsFilter(Filter):
    """'burn-out' is indexed as 'burnout' and as 'burn' and 'out'; a query for either spelling
    looks for the joined form, which every spelling has."""

    def __call__(self, tokens):
        for t in tokens:
            text = t.text
            if not _JOINERS.search(text):
                yield t
                continue
            joined = _JOINERS.sub("", text)
            parts = [p for p in _JOINERS.split(text) if p]
            t.text = joined
            yield t
            if t.mode == "index":
                pos = t.pos if t.positions else None
                for i, part in enumerate(parts):
                    if part in STOPWORDS:
                        continue
                    t.text = part
                    if pos is not None:
                        t.pos = pos + i
                    yield t


def dutch_analyzer():
    """Tokenise, lowercase, drop Dutch stop words, join hyphenated words, fold accents, stem."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=STOPWORDS, minsize=1)
        | JoinedVariantsFilter()
        | CharsetFilter(accent_map)
        | StemFilter(stemfn=dutch_stem, cachesize=None)
    )


@lru_cache(maxsize=100_000)
def dutch_stem(word: str) -> str:
    """Snowball's Dutch stemmer, cached: functools' cache is a good deal faster than Whoosh's own,
    and bounded, so odd words in queries cannot grow it without end."""
    return _snowball_dutch(word)


def fold(word: str) -> str:
    """Lowercase without accents: 'Coördinatie' -> 'coordinatie'."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"\w+", re.UNICODE)


def surface_words(text: str) -> list[str]:
    """The plain words of a text, folded, for the lexicon and spelling suggestions."""
    return [fold(w) for w in _WORD.findall(text or "") if not w.isdigit()]
