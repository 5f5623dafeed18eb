"""
Dates as English and Spanish write them, whole: "Sept. 16, 2016", "16 de septiembre de 2016",
"May 2024", "the early 2000s", and relative ones resolved against a reference date: "last June",
"next June", "el próximo octubre", "este año", "ten years ago", "hace diez años".
"""

import datetime
import re

from ..text import word_before
from .common import (
    DATE,
    NOT_AFTER,
    NUMBER,
    SPACE,
    YEAR,
    Mention,
    earliest_after,
    latest_before,
    months_ago,
    nearest_day,
    read_number,
    years_ago,
)
from .figures import WORD_NUMBERS

ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September"]
ENGLISH_MONTHS += ["October", "November", "December"]
SPANISH_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre"]
SPANISH_MONTHS += ["octubre", "noviembre", "diciembre"]
# Abbreviations, written with their full stop ("Sept. 16", "30 ago. 2024"), by month.
ENGLISH_ABBREVIATIONS = [["Jan"], ["Feb"], ["Mar"], ["Apr"], [], ["Jun"], ["Jul"], ["Aug"], ["Sept", "Sep"]]
ENGLISH_ABBREVIATIONS += [["Oct"], ["Nov"], ["Dec"]]
SPANISH_ABBREVIATIONS = [["ene"], ["feb"], ["mar"], ["abr"], ["may"], ["jun"], ["jul"], ["ago"], ["sept", "sep", "set"]]
SPANISH_ABBREVIATIONS += [["oct"], ["nov"], ["dic"]]
MONTH_NUMBERS = {
    name.lower(): number
    for names in (ENGLISH_MONTHS, SPANISH_MONTHS, ["setiembre"])
    for number, name in enumerate(names, 1)
} | {
    short.lower(): number
    for abbreviations in (ENGLISH_ABBREVIATIONS, SPANISH_ABBREVIATIONS)
    for number, shorts in enumerate(abbreviations, 1)
    for short in shorts
}
# English month names must be capitalised, which keeps "may" the verb out; Spanish ones need not be.
ENGLISH_MONTH = "|".join([*ENGLISH_MONTHS, *(rf"{short}\." for shorts in ENGLISH_ABBREVIATIONS for short in shorts)])
SPANISH_MONTH = "|".join(
    [*SPANISH_MONTHS, "setiembre", *(rf"{short}\." for shorts in SPANISH_ABBREVIATIONS for short in shorts)]
)
MONTH = rf"(?P<month>{ENGLISH_MONTH}|(?i:{SPANISH_MONTH}))(?!\w)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|º|°)?"

THIS_YEAR = rf"(?i:this{SPACE}+year|este{SPACE}+año)"
LAST_YEAR = rf"(?i:last{SPACE}+year|(?:el{SPACE}+)?año{SPACE}+pasado)"
NEXT_YEAR = (
    rf"(?i:next{SPACE}+year|(?:el{SPACE}+)?(?:próximo{SPACE}+año|año{SPACE}+próximo|año{SPACE}+que{SPACE}+viene))"
)
COUNTED = rf"(?P<number>{NUMBER}|{'|'.join(WORD_NUMBERS)}|an?|una?)"
AGO_UNITS = {"year": "years", "years": "years", "año": "years", "años": "years", "decade": "decades"}
AGO_UNITS |= {"decades": "decades", "década": "decades", "décadas": "decades"}
AGO_UNITS |= {"month": "months", "months": "months", "mes": "months", "meses": "months"}
AGO_UNIT = r"(?P<unit>years?|decades?|months?|años?|décadas?|mes(?:es)?)"
AGO_PATTERNS = [
    re.compile(rf"{NOT_AFTER}{COUNTED}{SPACE}+{AGO_UNIT}{SPACE}+ago\b", re.IGNORECASE),
    re.compile(rf"\bhace{SPACE}+(?:(?:unos|unas){SPACE}+)?{COUNTED}{SPACE}+{AGO_UNIT}\b", re.IGNORECASE),
]
# "More than ten years ago" names no year: it is left without a figure.
VAGUE = {"than", "over", "almost", "nearly"}
LAST_MONTH = rf"(?i:last{SPACE}+month|el{SPACE}+mes{SPACE}+pasado|el{SPACE}+pasado{SPACE}+mes)"
THIS_MONTH = rf"(?i:this{SPACE}+month|este{SPACE}+mes)"
NEXT_MONTH = rf"(?i:next{SPACE}+month|el{SPACE}+(?:próximo{SPACE}+mes|mes{SPACE}+próximo|mes{SPACE}+que{SPACE}+viene))"


def _month(match):
    return MONTH_NUMBERS[match["month"].lower().rstrip(".")]


# How to read what each date pattern matched; `reference` resolves relative dates.


def _this_year(match, reference):
    return datetime.date(reference.year, _month(match), 1)


def _last_year(match, reference):
    return datetime.date(reference.year - 1, _month(match), 1)


def _last_month(match, reference):
    return latest_before(_month(match), reference)


def _next_month(match, reference):
    return earliest_after(_month(match), reference)


def _day_without_year(match, reference):
    return nearest_day(_month(match), int(match["day"]), reference)


def _absolute(match, reference):
    day = int(match["day"]) if "day" in match.re.groupindex else 1
    return datetime.date(int(match["year"]), _month(match), day)


def _year(match, reference):
    return datetime.date(int(match["year"]), 1, 1)


def _relative_year(offset):
    return lambda match, reference: datetime.date(reference.year + offset, 1, 1)


def _relative_month(offset):
    return lambda match, reference: months_ago(-offset, reference)


ABSOLUTE, RELATIVE = False, True
# (pattern, how to read it, precision, whether it is relative), the more specific first.
DATE_PATTERNS = [
    (re.compile(pattern), read, precision, relative)
    for pattern, read, precision, relative in [
        (
            rf"\b{DAY}{SPACE}+(?:de{SPACE}+|of{SPACE}+)?{MONTH}{SPACE}+(?:del?{SPACE}+)?(?P<year>{YEAR})\b",
            _absolute,
            "day",
            ABSOLUTE,
        ),
        (rf"\b{MONTH}{SPACE}+{DAY},?{SPACE}+(?P<year>{YEAR})\b", _absolute, "day", ABSOLUTE),
        (rf"\b{MONTH}{SPACE}+(?:of{SPACE}+|de{SPACE}+|del{SPACE}+)?(?P<year>{YEAR})\b", _absolute, "month", ABSOLUTE),
        (rf"\b{MONTH}{SPACE}+(?:of{SPACE}+|de{SPACE}+)?{THIS_YEAR}", _this_year, "month", RELATIVE),
        (rf"\b{MONTH}{SPACE}+(?:of{SPACE}+|de{SPACE}+|del{SPACE}+)?{LAST_YEAR}", _last_year, "month", RELATIVE),
        (
            rf"\b(?i:last|(?:el{SPACE}+)?pasado(?:{SPACE}+mes{SPACE}+de)?){SPACE}+{MONTH}",
            _last_month,
            "month",
            RELATIVE,
        ),
        (rf"\b{MONTH}{SPACE}+(?i:pasado)\b", _last_month, "month", RELATIVE),
        (
            rf"\b(?i:next|(?:el{SPACE}+)?próximo(?:{SPACE}+mes{SPACE}+de)?){SPACE}+{MONTH}",
            _next_month,
            "month",
            RELATIVE,
        ),
        (rf"\b{MONTH}{SPACE}+(?i:próximo)\b", _next_month, "month", RELATIVE),
        (rf"\b{DAY}{SPACE}+(?:de{SPACE}+)?{MONTH}", _day_without_year, "day", RELATIVE),
        (rf"\b(?P<month>{ENGLISH_MONTH})(?!\w){SPACE}+{DAY}(?![\w,.]?\d)", _day_without_year, "day", RELATIVE),
        (r"\b(?P<year>(?:19|20)\d0)s\b", _year, "decade", ABSOLUTE),
        (rf"\b(?i:años|década{SPACE}+de(?:{SPACE}+los)?){SPACE}+(?P<year>(?:19|20)\d0)\b", _year, "decade", ABSOLUTE),
        (rf"\b{LAST_MONTH}\b", _relative_month(-1), "month", RELATIVE),
        (rf"\b{THIS_MONTH}\b", _relative_month(0), "month", RELATIVE),
        (rf"\b{NEXT_MONTH}\b", _relative_month(1), "month", RELATIVE),
        (rf"\b{THIS_YEAR}\b", _relative_year(0), "year", RELATIVE),
        (rf"\b{LAST_YEAR}\b", _relative_year(-1), "year", RELATIVE),
        (rf"\b{NEXT_YEAR}\b", _relative_year(1), "year", RELATIVE),
        (rf"{NOT_AFTER}(?P<year>{YEAR})\b(?![.,]\d)", _year, "year", ABSOLUTE),
    ]
]


def dates(text, reference_date):
    for pattern, read, precision, relative in DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                date = read(match, reference_date)
            except ValueError:
                continue  # "31 June 2024"
            yield Mention(match.start(), match.end(), DATE, date=date, precision=precision, relative=relative)


def ago(text, reference_date):
    """Yield the dates a duration before the reference date names: "ten years ago", "hace seis meses"."""
    for pattern in AGO_PATTERNS:
        for match in pattern.finditer(text):
            if word_before(text, match.start()).lower() in VAGUE:
                continue
            number = match["number"].lower()
            count = 1 if number in {"a", "an", "un", "una"} else WORD_NUMBERS.get(number) or read_number(number)
            if count != int(count):
                continue  # "1.5 years ago" names no month or year
            unit = AGO_UNITS[match["unit"].lower()]
            if unit == "months":
                date, precision = months_ago(int(count), reference_date), "month"
            else:
                date, precision = years_ago(int(count) * (10 if unit == "decades" else 1), reference_date), "year"
            yield Mention(match.start(), match.end(), DATE, date=date, precision=precision, relative=True)
