"""
Text as the reader search indexes and queries it, per language: English and Spanish words
stemmed (so that "investments" finds "investment", "cooperaciones" finds "cooperación") with
accents folded; Korean words cut into overlapping syllable pairs (so that 협력 is found inside
협력을 and 경제협력), as PostgreSQL has no Korean dictionary. A text and a query normalised in
the same language share terms where they share words; see docs/search.md.
"""

import heapq
import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.contrib.postgres.search import SearchQuery

# Letters and digits, without the underscore, which PostgreSQL's parser splits words on; a run of
# Hangul is a word of its own, so that 2024년 is 2024 and 년.
WORD = re.compile(r"[\uac00-\ud7a3]+|[^\W_\uac00-\ud7a3]+")
HANGUL = re.compile(r"[\uac00-\ud7a3]+")
STEMMERS = {"en": "english", "es": "spanish"}
# The marker of a query term that matches every term it begins (a syllable of Korean alone).
PREFIX = "*"
# Particles Korean writes onto the word they follow (투자는, 한국과, 멕시코에서), longest first: a query
# word is looked for without one, so that 투자는 finds 투자 wherever it stands.
PARTICLES = sorted(
    [
        *("에서는", "에서도", "에서의", "으로는", "으로도", "에게서", "까지는", "부터는", "이라는", "라는"),
        *("에서", "에게", "으로", "까지", "부터", "처럼", "보다", "마다", "이나", "과의", "와의", "에는", "에도"),
        *("의", "은", "는", "이", "가", "을", "를", "에", "와", "과", "로", "도", "만"),
    ],
    key=len,
    reverse=True,
)
# A decimal point or thousands separator between two digits, as one number holds it.
NUMBER_JOINT = re.compile(r"\d[.,]\d")
# An English possessive ("Mexico's"), which a query means as the word alone.
POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


@lru_cache(maxsize=8)
def stemmer(language):
    algorithm = STEMMERS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


def fold(word):
    """Return `word` in lower case without accents; Hangul syllables stay whole."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


def words(text):
    """Return the words of `text`, in order."""
    return WORD.findall(text)


def syllable_pairs(word):
    """
    Return the terms of a Korean word: its overlapping syllable pairs and its last syllable
    alone, so that a query of one syllable (a prefix term) finds it wherever it stands.
    """
    return [word[index : index + 2] for index in range(len(word) - 1)] + [word[-1]]


@lru_cache(maxsize=65536)
def word_terms(word, language):
    """Return the index terms of one word in `language`."""
    if HANGUL.fullmatch(word):
        return tuple(syllable_pairs(word))
    # Accents folded before stemming: the Spanish stemmer strips "-ía" but not "-ia", so
    # "energía" stemmed first was "energ" and a reader's "energia" "energi".
    folded = fold(word)
    language_stemmer = stemmer(language)
    return (language_stemmer.stemWord(folded) if language_stemmer else folded,)


def terms(text, language):
    """Return the index terms of `text` written in `language`, space-separated, as the index stores them."""
    return " ".join(term for word in words(text) for term in word_terms(word, language))


def without_particle(word):
    """Return Korean `word` without a particle it ends with (PARTICLES), if two syllables or more are left."""
    particle = next((particle for particle in PARTICLES if word.endswith(particle)), "")
    return word[: -len(particle)] if particle and len(word) - len(particle) >= 2 else word


def query_words(query):
    """Return the words of `query` as a search reads them: possessives dropped, Korean words without their particle."""
    return [without_particle(word) if HANGUL.fullmatch(word) else word for word in words(POSSESSIVE.sub("", query))]


def query_terms(query, language):
    """
    Return the terms every match of `query` must contain when read in `language`, without
    repeats: a Korean word (query_words()) of two syllables or more needs its syllable pairs
    (not its last syllable alone, which would find it only at the end of a word), a syllable
    alone is a prefix term, ending in PREFIX.
    """
    found = []
    for word in query_words(query):
        if not HANGUL.fullmatch(word):
            found.extend(word_terms(word, language))
        elif len(word) == 1:
            found.append(word + PREFIX)
        else:
            found.extend(syllable_pairs(word)[:-1])
    return list(dict.fromkeys(found))


@lru_cache(maxsize=65536)
def matches(word, language, wanted):
    """Return whether `word` of a text in `language` is one the terms `wanted` (query_terms(), a frozenset) find."""
    if HANGUL.fullmatch(word):
        return False
    return any(term in wanted for term in word_terms(word, language))


def spans(text, language, query):
    """
    Return an iterator over the (start, end) spans of `text` (written in `language`) that `query`
    matched, in order: the whole words sharing a stem with one of its words, and inside Korean
    words the query's Korean words themselves. It reads `text` only as far as it is iterated.
    """
    wanted = frozenset(query_terms(query, language))
    korean = sorted({word for word in query_words(query) if HANGUL.fullmatch(word)}, key=len, reverse=True)
    found = [(match.span() for match in WORD.finditer(text) if matches(match.group(), language, wanted))]
    if korean:
        pattern = re.compile("|".join(map(re.escape, korean)))
        found.append(match.span() for match in pattern.finditer(text))
    return heapq.merge(*found)


def highlight_spans(text, language, query):
    """
    Return the spans of `text` that `query` matched (spans()), in a list; those of one number's
    digit groups as one span ("19.8", "150,000"), which the words of the text split.
    """
    found = []
    for start, end in spans(text, language, query):
        if found and NUMBER_JOINT.fullmatch(text, found[-1][1] - 1, start + 1):
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return found


def tsquery(terms):
    """Return the text-search query every one of `terms` (query_terms()) must match, prefix terms as prefixes."""
    operands = (f"'{term[:-1]}':*" if term.endswith(PREFIX) else f"'{term}'" for term in terms)
    return SearchQuery(" & ".join(operands), config="simple", search_type="raw")
