"""
Find the figures and dates a paragraph mentions: sums of money, counts, percentages, dates.

Numbers are read in English or Spanish per number: with one kind of separator, a group of
exactly three digits after it means thousands ("2,000", "2.000"), anything else a decimal part
("19.8", "19,8"); with both, the last one is the decimal point ("1,234.5", "1.234,5").
"""

import datetime
import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

from .text import word_before

MONEY, COUNT, PERCENT, DATE = "money", "count", "percent", "date"

SPACE = r"[^\S\n]"  # White space within a line: a mention never spans two lines.
NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
NOT_AFTER = r"(?<![\w.,$€£₩-])"  # Not inside a word or a bigger number ("COVID-19", "G20").
YEAR = r"(?:19|20)\d\d"

SCALES = {
    **dict.fromkeys(["thousand", "mil"], 10**3),
    **dict.fromkeys(["million", "millions", "millón", "millones"], 10**6),
    **dict.fromkeys(["billion", "billions", "bn", "mil millones"], 10**9),
    # A Spanish "billón" is a million millions.
    **dict.fromkeys(["trillion", "trillions", "billón", "billones"], 10**12),
}
SCALE = rf"mil{SPACE}+millones|billones|billón|millones|millón|mil|thousand|millions?|billions?|trillions?|bn"
# "$" is read as US dollars, as in the English-language press; "$… pesos" and "MX$" as pesos.
CURRENCY_SIGNS = {"us$": "USD", "u.s.$": "USD", "$": "USD", "mx$": "MXN", "€": "EUR", "£": "GBP", "₩": "KRW"}
CURRENCY_WORDS = {
    **dict.fromkeys(["dollars", "us dollars", "dólares"], "USD"),
    **dict.fromkeys(["pesos", "mdp"], "MXN"),
    **dict.fromkeys(["won", "wones"], "KRW"),
    "euros": "EUR",
    "mdd": "USD",
}
# The Mexican press abbreviates "millones de dólares" and "millones de pesos".
IMPLIED_MILLIONS = {"mdd", "mdp"}
CODES = r"USD|EUR|MXN|KRW|GBP"
MONEY_PATTERNS = [
    re.compile(
        rf"(?P<sign>US\$|U\.S\.{SPACE}?\$|MX\$|\$|€|£|₩|\b(?:{CODES})\b){SPACE}?(?P<number>{NUMBER})"
        rf"(?:{SPACE}?(?P<scale>{SCALE})\b)?(?:{SPACE}+(?:de{SPACE}+)?(?P<word>pesos)\b)?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{NOT_AFTER}(?P<number>{NUMBER})(?:{SPACE}?(?P<scale>{SCALE}))?{SPACE}+(?:de{SPACE}+)?"
        rf"(?P<word>(?:US{SPACE}+)?dollars|dólares|euros|pesos|wones|won|mdd|mdp|{CODES})\b",
        re.IGNORECASE,
    ),
]
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
    rf"{NOT_AFTER}(?P<number>{NUMBER}|{'|'.join(WORD_NUMBERS)})(?!\w)(?:{SPACE}+(?P<scale>{SCALE})\b)?",
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

ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September"]
ENGLISH_MONTHS += ["October", "November", "December"]
SPANISH_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre"]
SPANISH_MONTHS += ["octubre", "noviembre", "diciembre"]
MONTHS = {name.lower(): number for names in (ENGLISH_MONTHS, SPANISH_MONTHS) for number, name in enumerate(names, 1)}
MONTHS["setiembre"] = 9
# English month names must be capitalised, which keeps "may" the verb out; Spanish ones need not be.
MONTH = "(?P<month>" + "|".join([*ENGLISH_MONTHS, *(f"(?i:{name})" for name in [*SPANISH_MONTHS, "setiembre"])]) + ")"


@dataclass
class Mention:
    """A figure or a date found at text[start:end]."""

    start: int
    end: int
    kind: str
    value: Decimal | None = None
    unit: str = ""
    date: datetime.date | None = None
    precision: str = ""


def find_mentions(text, reference_date):
    """
    Return the figures and dates `text` mentions, in reading order, the more specific reading
    winning where two overlap ("$19.8 billion" is money, not a count; "May 2024" a month).
    """
    # Kept in reading order; as they never overlap, a reading overlaps one of them only if it
    # overlaps its neighbours there.
    mentions, starts = [], []
    for mention in [*_money(text), *_percents(text), *_counts(text), *_dates(text, reference_date)]:
        at = bisect_left(starts, mention.start)
        if (at == 0 or mentions[at - 1].end <= mention.start) and (
            at == len(mentions) or mention.end <= mentions[at].start
        ):
            mentions.insert(at, mention)
            starts.insert(at, mention.start)
    return mentions


def read_number(text):
    """Return "2,000", "2.000", "19.8", "19,8", "1,234.5" or "1.234,5" as a Decimal (see above)."""
    if "," in text and "." in text:
        decimal_point = max(",", ".", key=text.rfind)
        thousands = "," if decimal_point == "." else "."
        return Decimal(text.replace(thousands, "").replace(decimal_point, "."))
    separator = "," if "," in text else "."
    whole, _, fraction = text.rpartition(separator)
    if not whole or text.count(separator) > 1 or len(fraction) == 3:
        return Decimal(text.replace(separator, ""))
    return Decimal(f"{whole}.{fraction}")


def _amount(number, scale=None):
    value = Decimal(WORD_NUMBERS.get(number.lower()) or read_number(number)) * SCALES.get(_words(scale), 1)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _words(text):
    return " ".join(text.lower().split()) if text else ""


def _money(text):
    for pattern in MONEY_PATTERNS:
        for match in pattern.finditer(text):
            word, sign = _words(match["word"]), _words(match.groupdict().get("sign")).replace(" ", "")
            currency = CURRENCY_WORDS.get(word) or word.upper() or CURRENCY_SIGNS.get(sign) or sign.upper()
            value = _amount(match["number"], match["scale"])
            if word in IMPLIED_MILLIONS and not match["scale"]:
                value *= 10**6
            yield Mention(match.start(), match.end(), MONEY, value=value, unit=currency)


def _percents(text):
    for match in PERCENT_PATTERN.finditer(text):
        yield Mention(match.start(), match.end(), PERCENT, value=read_number(match["number"]), unit="%")
    for match in FRACTION_PATTERN.finditer(text):
        yield Mention(match.start(), match.end(), PERCENT, value=Decimal(FRACTIONS[_words(match[0])]), unit="%")


def _counts(text):
    for match in ANNIVERSARY_PATTERN.finditer(text):
        unit = "years" if match["word"].lower() == "anniversary" else "años"
        yield Mention(match.start(), match.end(), COUNT, value=Decimal(match["number"]), unit=unit)
    for match in COUNT_PATTERN.finditer(text):
        number = match["number"]
        if re.fullmatch(YEAR, number):
            continue  # A year, not a count; a count that large is written "2,000".
        if number.lower() in WORD_NUMBERS and word_before(text, match.start()).lower() in REFERRING:
            continue
        noun = _counted_noun(text, match.end(), after_scale=bool(match["scale"]))
        if noun:
            unit, end = noun
            yield Mention(match.start(), end, COUNT, value=_amount(number, match["scale"]), unit=unit)


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


def _latest_before(month, reference_date):
    """Return the latest `month` strictly before the reference month ("last June")."""
    year = reference_date.year if month < reference_date.month else reference_date.year - 1
    return datetime.date(year, month, 1)


# How to read what each date pattern matched; `reference` resolves relative dates.


def _this_year(match, reference):
    return datetime.date(reference.year, MONTHS[match["month"].lower()], 1)


def _last_year(match, reference):
    return datetime.date(reference.year - 1, MONTHS[match["month"].lower()], 1)


def _last_month(match, reference):
    return _latest_before(MONTHS[match["month"].lower()], reference)


def _absolute(match, reference):
    day = int(match["day"]) if "day" in match.re.groupindex else 1
    return datetime.date(int(match["year"]), MONTHS[match["month"].lower()], day)


def _year(match, reference):
    return datetime.date(int(match["year"]), 1, 1)


def _relative_year(offset):
    return lambda match, reference: datetime.date(reference.year + offset, 1, 1)


THIS_YEAR = rf"(?i:this{SPACE}+year|este{SPACE}+año)"
LAST_YEAR = rf"(?i:last{SPACE}+year|(?:el{SPACE}+)?año{SPACE}+pasado)"
NEXT_YEAR = (
    rf"(?i:next{SPACE}+year|(?:el{SPACE}+)?(?:próximo{SPACE}+año|año{SPACE}+próximo|año{SPACE}+que{SPACE}+viene))"
)
# (pattern, how to read it, precision), the more specific first.
DATE_PATTERNS = [
    (re.compile(pattern), read, precision)
    for pattern, read, precision in [
        (
            rf"\b(?P<day>\d{{1,2}}){SPACE}+(?:de{SPACE}+)?{MONTH}{SPACE}+(?:del?{SPACE}+)?(?P<year>{YEAR})\b",
            _absolute,
            "day",
        ),
        (rf"\b{MONTH}{SPACE}+(?P<day>\d{{1,2}}),{SPACE}+(?P<year>{YEAR})\b", _absolute, "day"),
        (rf"\b{MONTH}{SPACE}+(?:of{SPACE}+|de{SPACE}+|del{SPACE}+)?(?P<year>{YEAR})\b", _absolute, "month"),
        (rf"\b{MONTH}{SPACE}+(?:of{SPACE}+|de{SPACE}+)?{THIS_YEAR}", _this_year, "month"),
        (rf"\b{MONTH}{SPACE}+(?:of{SPACE}+|de{SPACE}+|del{SPACE}+)?{LAST_YEAR}", _last_year, "month"),
        (rf"\b(?i:last|(?:el{SPACE}+)?pasado(?:{SPACE}+mes{SPACE}+de)?){SPACE}+{MONTH}\b", _last_month, "month"),
        (rf"\b{MONTH}{SPACE}+(?i:pasado)\b", _last_month, "month"),
        (r"\b(?P<year>(?:19|20)\d0)s\b", _year, "decade"),
        (rf"\b(?i:años|década{SPACE}+de(?:{SPACE}+los)?){SPACE}+(?P<year>(?:19|20)\d0)\b", _year, "decade"),
        (rf"\b{THIS_YEAR}\b", _relative_year(0), "year"),
        (rf"\b{LAST_YEAR}\b", _relative_year(-1), "year"),
        (rf"\b{NEXT_YEAR}\b", _relative_year(1), "year"),
        (rf"{NOT_AFTER}(?P<year>{YEAR})\b(?![.,]\d)", _year, "year"),
    ]
]


def _dates(text, reference_date):
    for pattern, read, precision in DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                date = read(match, reference_date)
            except ValueError:
                continue  # "31 June 2024"
            yield Mention(match.start(), match.end(), DATE, date=date, precision=precision)
