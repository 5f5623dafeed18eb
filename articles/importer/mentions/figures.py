"""
Sums of money, counts, durations and percentages as English and Spanish write them: "$19.8
billion", "19,8 mil millones de dólares", "about 150,000 jobs", "for more than 10 years",
"40 por ciento", "one-third", and with no digits, "mil millones de dólares", "a billion dollars";
the Mexican press's thousands in words, "21 mil 300 millones de dólares", "3 mil 200 trabajadores".
"""

import re
from bisect import bisect_right
from decimal import Decimal

from ..text import sentence_spans, word_before
from .common import (
    COUNT,
    DAYS,
    DURATION,
    HOURS,
    MONEY,
    MONTHS,
    NOT_AFTER,
    NUMBER,
    PERCENT,
    SPACE,
    WEEKS,
    YEARS,
    Mention,
    is_year,
    read_number,
    whole_if_exact,
)

SCALES = {
    **dict.fromkeys(["thousand", "mil"], 10**3),
    **dict.fromkeys(["million", "millions", "millón", "millones"], 10**6),
    **dict.fromkeys(["billion", "billions", "bn", "b", "mil millones"], 10**9),
    # A Spanish "billón" is a million millions.
    **dict.fromkeys(["trillion", "trillions", "billón", "billones"], 10**12),
    **dict.fromkeys(["m"], 10**6),
}
SCALE = rf"mil{SPACE}+millones|billones|billón|millones|millón|mil|thousand|millions?|billions?|trillions?|bn"
# "$1B", "$1.4B", "$250M": a scale letter glued to a sum of money.
SCALE_LETTER = r"(?P<letter>[BM])(?![\w$])"
# Thousands in words, as the Mexican press writes them: "21 mil 300" (21,300), "mil 400" (1,400).
THOUSANDS_IN_WORDS = re.compile(rf"(?:(?P<thousands>\d{{1,3}}){SPACE}+)?mil{SPACE}+(?P<rest>\d{{1,3}})", re.IGNORECASE)
FIGURE = rf"(?:\d{{1,3}}{SPACE}+)?mil{SPACE}+\d{{1,3}}(?![\d.,]?\d)|{NUMBER}"
# "$" is read as US dollars, as in the English-language press; "$… pesos" and "MX$" as pesos.
CURRENCY_SIGNS = {"us$": "USD", "u.s.$": "USD", "$": "USD", "mx$": "MXN", "€": "EUR", "£": "GBP", "₩": "KRW"}
CURRENCY_WORDS = {
    **dict.fromkeys(["dollars", "us dollars", "dólares"], "USD"),
    **dict.fromkeys(["pesos", "mdp", "mmdp"], "MXN"),
    **dict.fromkeys(["won", "wones"], "KRW"),
    "euros": "EUR",
    **dict.fromkeys(["mdd", "mmdd"], "USD"),
}
# The Mexican press abbreviates "millones de dólares" and "millones de pesos" as "mdd" and "mdp",
# "miles de millones" as "mmdd" and "mmdp".
IMPLIED_SCALES = {"mdd": 10**6, "mdp": 10**6, "mmdd": 10**9, "mmdp": 10**9}
MONEY_WORD = rf"(?:US{SPACE}+)?dollars|dólares|euros|pesos|wones|won|mmdd|mmdp|mdd|mdp"
CODES = r"USD|EUR|MXN|KRW|GBP"
MONEY_PATTERNS = [
    re.compile(
        rf"(?P<sign>US\$|U\.S\.{SPACE}?\$|MX\$|\$|€|£|₩|\b(?:{CODES})\b){SPACE}?(?P<number>{NUMBER})"
        rf"(?:{SCALE_LETTER}|{SPACE}?(?P<scale>{SCALE})\b)?(?:{SPACE}+(?:de{SPACE}+)?(?P<word>pesos)\b)?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{NOT_AFTER}(?P<number>{FIGURE})(?:{SPACE}?(?P<scale>{SCALE}))?{SPACE}+(?:de{SPACE}+)?"
        rf"(?P<word>{MONEY_WORD}|{CODES})\b",
        re.IGNORECASE,
    ),
]
# A scale with no digits before it: "a billion dollars", "un millón de personas", "mil millones de
# dólares", "mil empleos", and half of one: "half a million cars", "medio millón de autos". Without
# "a", "one", "un" or "half", only the Spanish "mil" and "mil millones" name an amount ("millions of
# people" names none).
WORDED_SCALE = (
    rf"(?<![\d.,]{SPACE})(?<![\w.,$€£₩-])"
    rf"(?:(?P<one>(?P<half>half{SPACE}+an?|medio)|an?|one|una?){SPACE}+(?P<scale>{SCALE})|"
    rf"(?P<spanish>mil{SPACE}+millones|mil))\b"
)
WORDED_MONEY_PATTERN = re.compile(
    rf"{WORDED_SCALE}{SPACE}+(?:de{SPACE}+)?(?P<word>(?:US{SPACE}+)?dollars|dólares|euros|pesos|wones|won)\b",
    re.IGNORECASE,
)
WORDED_COUNT_PATTERN = re.compile(WORDED_SCALE, re.IGNORECASE)
PERCENT_PATTERN = re.compile(
    rf"{NOT_AFTER}(?P<number>{NUMBER}){SPACE}?(?:%|(?:por{SPACE}+ciento|percent|per{SPACE}+cent)\b)",
    re.IGNORECASE,
)
FRACTIONS = {
    **dict.fromkeys(["one-third", "one third", "a third", "un tercio"], "33.3"),
    **dict.fromkeys(["two-thirds", "two thirds", "dos tercios"], "66.7"),
    **dict.fromkeys(["one-quarter", "one quarter", "a quarter", "una cuarta parte"], "25"),
    **dict.fromkeys(["three-quarters", "three quarters", "tres cuartas partes"], "75"),
}
FRACTION_PATTERN = re.compile(
    r"\b(?:" + "|".join(name.replace(" ", f"{SPACE}+") for name in FRACTIONS) + r")\b", re.IGNORECASE
)
ANNIVERSARY_PATTERN = re.compile(
    rf"{NOT_AFTER}(?P<number>\d{{1,3}})(?:st|nd|rd|th|º|°|\.º|\.°|o)?{SPACE}+(?P<word>anniversary|aniversario)\b",
    re.IGNORECASE,
)
WORD_NUMBERS = {
    word: number
    for number, words in enumerate(
        ["two dos", "three tres", "four cuatro", "five cinco", "six seis", "seven siete", "eight ocho", "nine nueve"], 2
    )
    for word in words.split()
} | {"ten": 10, "diez": 10}
COUNT_PATTERN = re.compile(
    rf"{NOT_AFTER}(?P<number>{FIGURE}|{'|'.join(WORD_NUMBERS)})(?!\w)(?:{SPACE}+(?P<scale>{SCALE})\b)?",
    re.IGNORECASE,
)
NEXT_WORD = re.compile(rf"{SPACE}+([^\W\d_]+(?:[’'-][^\W\d_]+)*)")
# A number word after these refers back to things already named ("the two countries").
REFERRING = {"the", "both", "these", "those", "its", "their", "our", "los", "las", "ambos", "ambas", "estos", "estas"}
# A count's noun is looked for past adjectives ("430 Korean companies"), but not past these.
FUNCTION_WORDS = {
    *("a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "per", "than", "the", "to", "with"),
    *("con", "de", "del", "el", "en", "la", "las", "los", "o", "para", "por", "que", "un", "una", "y"),
}
# Words ending in "s" that are not a counted noun: Spanish adjectives before one ("2.000 nuevos servicios").
NOT_NOUNS = {
    *("diferentes", "distintas", "distintos", "diversas", "diversos", "grandes", "mayores", "mejores", "menos"),
    *("nuevas", "nuevos", "otras", "otros", "pequeñas", "pequeños", "primeras", "primeros", "principales"),
    *("últimas", "últimos"),
}
PEOPLE = {"people", "personas"}
SPANISH_DEMONYMS = {"coreanos", "coreanas", "mexicanos", "mexicanas", "estadounidenses", "japoneses", "chinos"}
# A number of these is a duration, not a count ("for more than 10 years"): (unit, how many of it).
TIME_UNITS = {
    **dict.fromkeys(["years", "años", "year"], (YEARS, 1)),
    **dict.fromkeys(["decades", "décadas"], (YEARS, 10)),
    **dict.fromkeys(["months", "meses", "month"], (MONTHS, 1)),
    **dict.fromkeys(["weeks", "semanas", "week"], (WEEKS, 1)),
    **dict.fromkeys(["days", "días", "day"], (DAYS, 1)),
    **dict.fromkeys(["hours", "horas", "hour"], (HOURS, 1)),
}
# Counted nouns stored under the unit the site writes in every language (articles/formatting.py):
# a company's employees are its jobs; measures are one unit whatever the language.
UNITS = {
    **dict.fromkeys(["employees", "empleados"], "jobs"),
    **dict.fromkeys(["tons", "tonnes", "toneladas"], "tons"),
    **dict.fromkeys(["liters", "litres", "litros"], "liters"),
}
# "a 15-year contract", "a ten-year plan", but not "a 46-year-old".
COMPOUND_DURATION = re.compile(
    rf"{NOT_AFTER}(?P<number>\d+|{'|'.join(WORD_NUMBERS)})-(?P<unit>year|month|week|day|hour)(?![\w-])", re.IGNORECASE
)
# A number of years after these words, or before "old", is someone's age, not a fact.
AGE_BEFORE = {"tiene", "tienen", "tenía", "tenían", "aged", "age"}
AGE_AFTER = re.compile(rf"{SPACE}+(?:old|de{SPACE}+edad)\b", re.IGNORECASE)
# After a number of years, this makes it a time ago ("20 years ago"), as "hace" does before it: dates.ago reads them.
AGO_AFTER = re.compile(rf"{SPACE}+ago\b", re.IGNORECASE)
# People a company employs are its jobs ("they employ 150,000 people", "emplea a 4.000 personas").
EMPLOYING = ("employ", "emplea", "emplean", "empleaba")
# Words that lead to a number that does not count the same thing as the count before it ("in 3 of our plants").
LEADING = {
    *("a", "at", "by", "de", "del", "desde", "en", "for", "from", "in", "of", "on", "para", "per", "por"),
    *("since", "to"),
}
HOW_MANY = re.compile(rf"\b(?:how{SPACE}+many|cu[aá]nt[oa]s)(?=\s)", re.IGNORECASE)
BARE_NUMBER = re.compile(rf"{NOT_AFTER}(?P<number>{NUMBER}|{'|'.join(WORD_NUMBERS)})(?![\w%])", re.IGNORECASE)


def amount(number, scale=None):
    """
    Return the value of a number written in digits, as a word or with thousands in words ("21 mil
    300"), times its scale word ("19.8 billion") or letter ("1.4B").
    """
    if thousands := THOUSANDS_IN_WORDS.fullmatch(number):
        value = Decimal(int(thousands["thousands"] or 1) * 1000 + int(thousands["rest"]))
    else:
        value = Decimal(WORD_NUMBERS.get(number.lower()) or read_number(number))
    return whole_if_exact(value * SCALES.get(words(scale), 1))


def words(text):
    return " ".join(text.lower().split()) if text else ""


def money(text):
    for pattern in MONEY_PATTERNS:
        for match in pattern.finditer(text):
            word, sign = words(match["word"]), words(match.groupdict().get("sign")).replace(" ", "")
            currency = CURRENCY_WORDS.get(word) or word.upper() or CURRENCY_SIGNS.get(sign) or sign.upper()
            scale = match["scale"] or match.groupdict().get("letter")
            value = amount(match["number"], scale)
            if not scale:
                value = whole_if_exact(value * IMPLIED_SCALES.get(word, 1))
            yield Mention(match.start(), match.end(), MONEY, value=value, unit=currency)
    for match in WORDED_MONEY_PATTERN.finditer(text):
        value = _worded_amount(match)
        if value:
            currency = CURRENCY_WORDS.get(words(match["word"]), "USD")
            yield Mention(match.start(), match.end(), MONEY, value=value, unit=currency)


def _worded_amount(match):
    """Return the amount a WORDED_SCALE match names ("a billion", "half a million"), or None for "un mil"."""
    scale = words(match["spanish"] or match["scale"])
    if match["one"] and scale == "mil":
        return None
    return Decimal(SCALES[scale]) / (2 if match["half"] else 1)


def percents(text):
    for match in PERCENT_PATTERN.finditer(text):
        yield Mention(match.start(), match.end(), PERCENT, value=read_number(match["number"]), unit="%")
    for match in FRACTION_PATTERN.finditer(text):
        yield Mention(match.start(), match.end(), PERCENT, value=Decimal(FRACTIONS[words(match[0])]), unit="%")


def counts(text):
    """Yield the counts and durations of `text`: a number with the plural noun it counts."""
    for match in ANNIVERSARY_PATTERN.finditer(text):
        unit = "years" if match["word"].lower() == "anniversary" else "años"
        yield Mention(match.start(), match.end(), COUNT, value=Decimal(match["number"]), unit=unit)
    for match in COMPOUND_DURATION.finditer(text):
        unit, size = TIME_UNITS[match["unit"].lower()]
        yield Mention(match.start(), match.end(), DURATION, value=amount(match["number"]) * size, unit=unit)
    for match in COUNT_PATTERN.finditer(text):
        number = match["number"]
        if is_year(number):
            continue
        if number.lower() in WORD_NUMBERS and word_before(text, match.start()).lower() in REFERRING:
            continue
        noun = _counted_noun(text, match.end(), after_scale=bool(match["scale"]))
        if not noun:
            continue
        unit, end = noun
        value = amount(number, match["scale"])
        if unit not in TIME_UNITS:
            yield Mention(match.start(), end, COUNT, value=value, unit=_count_unit(text, match.start(), unit))
        elif not _age_or_ago(text, match.start(), end):
            unit, size = TIME_UNITS[unit]
            yield Mention(match.start(), end, DURATION, value=value * size, unit=unit)
    for match in WORDED_COUNT_PATTERN.finditer(text):
        if word_before(text, match.start()).lower() in REFERRING:
            continue  # "las mil maravillas"
        value = _worded_amount(match)
        noun = value and _counted_noun(text, match.end(), after_scale=True)
        if noun and noun[0] not in TIME_UNITS:
            yield Mention(match.start(), noun[1], COUNT, value=value, unit=_count_unit(text, match.start(), noun[0]))


def _count_unit(text, start, noun):
    """Return the unit a count of `noun` starting at `start` is stored as."""
    before = text[max(start - 40, 0) : start].lower().split()[-3:]
    if noun in PEOPLE and any(word.startswith(EMPLOYING) for word in before):
        return "jobs"
    return UNITS.get(noun, noun)


def elliptical_counts(text, counted):
    """
    Yield, as counts of the same unit, the numbers without a noun that follow a count in its
    sentence ("About 4,000 direct employees, and more than 11,000 at our suppliers"; "28
    ingenieros: 16 del Centro… y 12 del Instituto…"), unless a word such as "in" or "de" leads
    to them ("1,500 jobs in 3 of our plants").
    """
    spans = sentence_spans(text)
    ends = [end for _, end in spans]
    counted = sorted(counted, key=lambda count: count.start)
    # Up to the end of its sentence or the next count, whichever comes first: each number is looked at once.
    for index, count in enumerate(counted):
        at = bisect_right(ends, count.start)
        end = ends[at] if at < len(ends) else len(text)
        if index + 1 < len(counted):
            end = min(end, counted[index + 1].start)
        for match in BARE_NUMBER.finditer(text, count.end, end):
            before = text[count.end : match.start()].lower().split()[-2:]
            led = before and before[-1] in LEADING and before not in (["más", "de"], ["menos", "de"])
            if not is_year(match["number"]) and not led:
                yield Mention(match.start(), match.end(), COUNT, value=amount(match["number"]), unit=count.unit)


def _age_or_ago(text, start, end):
    """Tell whether the number of years at text[start:end] is an age ("tiene 67 años") or a time ago."""
    before = text[max(start - 40, 0) : start].lower().split()[-3:]
    if AGE_BEFORE.intersection(before) or before[-2:] == ["a", "los"] or "hace" in before:
        return True
    return bool(AGE_AFTER.match(text, end) or AGO_AFTER.match(text, end))


def asked_unit(prompt):
    """Return the unit of what `prompt` asks how many of ("How many jobs…?", "¿Cuántas empresas…?"), or None."""
    match = HOW_MANY.search(prompt)
    noun = _counted_noun(prompt, match.end(), after_scale=False) if match else None
    if not noun or noun[0] in TIME_UNITS:
        return None
    return UNITS.get(noun[0], noun[0])


def bare_counts(text, unit):
    """
    Yield the numbers without a noun in the first sentence of `text`, an answer to a question
    asking how many `unit` ("Unas 35, casi todas en Nuevo León"), as counts of `unit`.
    """
    end = next(iter(sentence_spans(text)), (0, 0))[1]
    for match in BARE_NUMBER.finditer(text, 0, end):
        if not is_year(match["number"]) and not _in_a_name(text, match.start()):
            yield Mention(match.start(), match.end(), COUNT, value=amount(match["number"]), unit=unit)


def _in_a_name(text, start):
    """
    Tell whether the number at `start` is part of a name, after a capitalised word inside a
    sentence: "el Ioniq 5", "la Línea 3"; "Unas 35" opens its sentence.
    """
    word = word_before(text, start)
    if not (word[:1].isupper() and word.isalpha()):
        return False
    before = text[: len(text[:start].rstrip()) - len(word)].rstrip()
    return bool(before) and not before.endswith((".", "?", "!", ":", "—", "–", "-", "\n"))


def _counted_noun(text, position, after_scale):
    """
    Return the plural noun a number counts and where it ends, looking at most three words
    ahead past adjectives ("430 Korean companies", "16 millones de personas"), or None.
    """
    for index in range(3):
        match = NEXT_WORD.match(text, position)
        if not match:
            return None
        word, position = match[1], match.end()
        lower = word.lower()
        if lower == "de" and after_scale and index == 0:
            continue
        if lower in FUNCTION_WORDS:
            return None
        if lower in PEOPLE:
            return lower, position
        if word[0].isupper() and lower.endswith("ans"):
            return "people", position  # "16,000 Koreans"
        if lower in SPANISH_DEMONYMS:
            return "personas", position
        if _is_plural_noun(lower):
            return lower, position
    return None


def _is_plural_noun(word):
    """Guess from its ending whether a lower-case word is a plural noun ("jobs", "empleos", not "is")."""
    return len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in NOT_NOUNS
