"""
Render a stored figure or date as readers of the active language write it, from the one stored
value: "$19.8 billion", "19.800 millones de dólares", "198억 달러"; "May 2024", "mayo de 2024",
"2024년 5월". Each function reads the active language (django.utils.translation.get_language())
and nothing else; a language other than Spanish or Korean is written as English.

How each language writes a number (issue 5):

- English keeps the house style: "million", "billion" or "trillion" when the figure is exact to
  two decimals in it ("$19.8 billion", "16 million people"), else thousands commas ("1,234,567").
- Spanish writes a point between thousands and a comma before decimals, as the brief and the
  Spanish press do ("150.000", "33,3 %"; Django's "es" locale groups with a no-break space).
  A figure exact to two decimals in millions is counted in millions, however many
  ("19.800 millones", "120 millones"), one thousand million is "mil millones", a figure exact in
  millions of millions is "billones" (the Spanish billón is 10^12), and "de" joins a scale word
  to the noun it counts ("16 millones de personas").
- Korean groups a whole number from 10,000 up by the units Korean counts in, 조 (10^12),
  억 (10^8) and 만 (10^4): zero groups are left out, each group keeps its thousands commas and
  groups stand a space apart (Hangul orthography, article 44): "198억", "1억 2,000만",
  "123만 4,567". A number with a fractional part keeps plain digits ("12,345.5"). A unit follows
  digits directly and a group word after a space ("16,000명", "1,600만 명", "5,000달러",
  "198억 달러"); counted things come first, with their counter after the number
  ("일자리 15만 개", "기업 430곳"), as Korean news writes them.

Percentages never take scale words. Units not in UNITS are shown as stored, after the number.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.numberformat import format as number_format
from django.utils.translation import get_language

CENT = Decimal("0.01")
MILLION = Decimal(10) ** 6
ENGLISH_SCALES = [(Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (MILLION, "million")]
SPANISH_SCALES = [(Decimal(10) ** 12, "billón", "billones"), (MILLION, "millón", "millones")]
KOREAN_GROUPS = [(10**12, "조"), (10**8, "억"), (10**4, "만")]
# (decimal point, thousands separator) per language.
SEPARATORS = {"en": (".", ","), "es": (",", "."), "ko": (".", ",")}
# What joins a number ending in a scale word to the unit after it.
AFTER_SCALE = {"en": "", "es": " de", "ko": " "}


@dataclass(frozen=True)
class Unit:
    """How a language names a unit in a caption and writes it around a number ("{} dólares")."""

    name: str
    pattern: str
    # The pattern for exactly one, where the language says it differently ("{} dólar").
    singular: str = ""


UNITS = {
    "en": {
        "USD": Unit("US dollars", "${}"),
        "%": Unit("per cent", "{}%"),
        "jobs": Unit("jobs", "{} jobs", "{} job"),
        "companies": Unit("companies", "{} companies", "{} company"),
        "people": Unit("people", "{} people", "{} person"),
        "services": Unit("services", "{} services", "{} service"),
        "years": Unit("years", "{} years", "{} year"),
        "times": Unit("times", "{} times", "once"),
        "consecutive first places": Unit(
            "consecutive first places", "{} consecutive first places", "{} consecutive first place"
        ),
        "rounds": Unit("rounds", "{} rounds", "{} round"),
        "meetings": Unit("meetings", "{} meetings", "{} meeting"),
        "datasets": Unit("datasets", "{} datasets", "{} dataset"),
        "students": Unit("students", "{} students", "{} student"),
        "projects": Unit("projects", "{} projects", "{} project"),
        "megawatts": Unit("megawatts", "{} megawatts", "{} megawatt"),
    },
    "es": {
        "USD": Unit("dólares estadounidenses", "{} dólares", "{} dólar"),
        "EUR": Unit("euros", "{} euros", "{} euro"),
        "MXN": Unit("pesos mexicanos", "{} pesos", "{} peso"),
        "KRW": Unit("wones", "{} wones", "{} won"),
        "GBP": Unit("libras esterlinas", "{} libras esterlinas", "{} libra esterlina"),
        "%": Unit("porcentaje", "{} %"),
        "jobs": Unit("empleos", "{} empleos", "{} empleo"),
        "companies": Unit("empresas", "{} empresas", "{} empresa"),
        "people": Unit("personas", "{} personas", "{} persona"),
        "services": Unit("servicios", "{} servicios", "{} servicio"),
        "years": Unit("años", "{} años", "{} año"),
        "times": Unit("veces", "{} veces", "{} vez"),
        "consecutive first places": Unit(
            "primeros lugares consecutivos", "{} primeros lugares consecutivos", "{} primer lugar consecutivo"
        ),
        "rounds": Unit("rondas", "{} rondas", "{} ronda"),
        "meetings": Unit("reuniones", "{} reuniones", "{} reunión"),
        "datasets": Unit("conjuntos de datos", "{} conjuntos de datos", "{} conjunto de datos"),
        "students": Unit("estudiantes", "{} estudiantes", "{} estudiante"),
        "projects": Unit("proyectos", "{} proyectos", "{} proyecto"),
        "megawatts": Unit("megavatios", "{} megavatios", "{} megavatio"),
    },
    "ko": {
        "USD": Unit("미국 달러", "{}달러"),
        "EUR": Unit("유로", "{}유로"),
        "MXN": Unit("멕시코 페소", "{}페소"),
        "KRW": Unit("원화", "{}원"),
        "GBP": Unit("영국 파운드", "{}파운드"),
        "%": Unit("퍼센트", "{}%"),
        "jobs": Unit("일자리 수", "일자리 {}개"),
        "companies": Unit("기업 수", "기업 {}곳"),
        "people": Unit("인원", "{}명"),
        "services": Unit("서비스 수", "서비스 {}개"),
        "years": Unit("기간(년)", "{}년"),
        "times": Unit("횟수", "{}회"),
        "consecutive first places": Unit("연속 1위 횟수", "{}회 연속 1위"),
        "rounds": Unit("회차", "{}차례"),
        "meetings": Unit("회담 수", "회담 {}회"),
        "datasets": Unit("데이터셋 수", "데이터셋 {}개"),
        "students": Unit("학생 수", "학생 {}명"),
        "projects": Unit("프로젝트 수", "프로젝트 {}건"),
        "megawatts": Unit("메가와트", "{}메가와트"),
    },
}
# Spanish nouns the importer stores as units, read as the English units of UNITS.
ALIASES = {
    "años": "years",
    "empleos": "jobs",
    "empresas": "companies",
    "personas": "people",
    "servicios": "services",
    "veces": "times",
}
DECADES = {"en": "{}s", "es": "década de {}", "ko": "{}년대"}
YEARS = {"en": "{}", "es": "{}", "ko": "{}년"}
# Django's own formats for the locale, except English, which keeps the house day-month-year
# ("7 June 2024"; Django's English DATE_FORMAT is "June 7, 2024").
DAY_FORMATS = {"en": "j F Y", "es": "DATE_FORMAT", "ko": "DATE_FORMAT"}


def active_language():
    """Return the active language if figures have rules for it ("es", "ko"), else "en"."""
    language = (get_language() or "").split("-")[0]
    return language if language in SEPARATORS else "en"


def grouped(value, language):
    """Return `value` (a Decimal or int) in plain digits with the language's separators."""
    if isinstance(value, Decimal):
        value = value.normalize()
    decimal_point, thousands = SEPARATORS[language]
    return number_format(value, decimal_point, grouping=3, thousand_sep=thousands, force_grouping=True)


def in_scale(value, size):
    """Return `value` counted in units of `size` if that is at least 1 and exact to two decimals."""
    scaled = value / size
    return scaled if abs(scaled) >= 1 and scaled == scaled.quantize(CENT) else None


def english_number(value):
    for size, word in ENGLISH_SCALES:
        if (scaled := in_scale(value, size)) is not None:
            return f"{scaled.normalize():,f} {word}"
    return f"{value.normalize():,f}"


def spanish_number(value):
    for size, one, many in SPANISH_SCALES:
        if (scaled := in_scale(value, size)) is not None:
            if size == MILLION and scaled == 1000:
                return "mil millones"
            return f"{grouped(scaled, 'es')} {one if abs(scaled) == 1 else many}"
    return grouped(value, "es")


def korean_number(value):
    if abs(value) < 10**4 or value != value.to_integral_value():
        return grouped(value, "ko")
    rest, groups = abs(int(value)), []
    for size, word in KOREAN_GROUPS:
        count, rest = divmod(rest, size)
        if count:
            groups.append(f"{grouped(count, 'ko')}{word}")
    if rest:
        groups.append(grouped(rest, "ko"))
    return ("-" if value < 0 else "") + " ".join(groups)


NUMBERS = {"en": english_number, "es": spanish_number, "ko": korean_number}


def format_number(value):
    """Return `value` as the active language writes it: "19.8 billion", "19.800 millones", "198억"."""
    return NUMBERS[active_language()](Decimal(value))


def unit_name(unit):
    """Return what the active language calls `unit` in a caption: "US dollars", "미국 달러", "jobs"."""
    entry = UNITS[active_language()].get(ALIASES.get(unit, unit))
    return entry.name if entry else unit


def format_figure(value, unit):
    """
    Return a value with its unit as the active language writes it: "$19.8 billion",
    "19.800 millones de dólares", "198억 달러"; "150,000 jobs", "150.000 empleos",
    "일자리 15만 개"; "33.3%", "33,3 %". Return "" for no value.
    """
    if value is None:
        return ""
    value, language = Decimal(value), active_language()
    number = grouped(value, language) if unit == "%" else NUMBERS[language](value)
    if not number[-1].isdigit():
        number += AFTER_SCALE[language]
    entry = UNITS[language].get(ALIASES.get(unit, unit))
    if entry is None:
        return f"{number.rstrip()} {unit}"
    return (entry.singular if value == 1 and entry.singular else entry.pattern).format(number)


def format_date(value, precision):
    """
    Return `value` at its precision as the active language writes it: "2000s", "2023",
    "May 2024", "7 June 2024"; "década de 2000", "mayo de 2024", "7 de junio de 2024";
    "2000년대", "2023년", "2024년 5월", "2024년 6월 7일". Return "" for no date.
    """
    if value is None:
        return ""
    language = active_language()
    if precision == "decade":
        return DECADES[language].format(value.year)
    if precision == "year":
        return YEARS[language].format(value.year)
    if precision == "month":
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, DAY_FORMATS[language])


def iso_date(value, precision):
    """Return `value` as an HTML <time> datetime at its precision ("2023", "2024-05"), or ""."""
    if value is None or precision == "decade":
        return ""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
