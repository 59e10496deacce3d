"""Dutch text analysis for the search index: tokens, case, accents, stop words and stems."""
from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

# Words with letters and digits; '&' keeps 'RI&E' and 'O&O' whole.
TOKEN_PATTERN = r"\w+(?:[&']\w+)*"


def dutch_analyzer():
    """Tokenise, lowercase, drop Dutch stop words, fold accents ('ideeën' = 'ideeen'), stem."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=stopwords_for_language("nl"), minsize=1)
        | CharsetFilter(accent_map)
        | StemFilter(lang="nl", cachesize=50000)
    )
