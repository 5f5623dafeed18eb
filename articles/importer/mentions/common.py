"""What the readers of every language share: the record of a mention, its categories, and reading digits."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

MONEY, COUNT, PERCENT, DURATION, DATE = "money", "count", "percent", "duration", "date"

SPACE = r"[^\S\n]"  # White space within a line: a mention never spans two lines.
NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
NOT_AFTER = r"(?<![\w.,$€£₩-])"  # Not inside a word or a bigger number ("COVID-19", "G20").
YEAR = r"(?:19|20)\d\d"

# Units of time, stored in English whatever the language of the text: a duration is one claim.
YEARS, MONTHS, WEEKS, DAYS, HOURS = "years", "months", "weeks", "days", "hours"


@dataclass
class Mention:
    """
    A figure or a date found at text[start:end]; `relative` when the date was resolved against
    the reference date ("last June", "작년") rather than read from the text.
    """

    start: int
    end: int
    category: str
    value: Decimal | None = None
    unit: str = ""
    date: datetime.date | None = None
    precision: str = ""
    relative: bool = False


def read_number(text):
    """
    Return "2,000", "2.000", "19.8", "19,8", "1,234.5" or "1.234,5" as a Decimal, read in English
    or Spanish per number: with one kind of separator, a group of exactly three digits after it
    means thousands ("2,000", "2.000"), anything else a decimal part ("19.8", "19,8"); with both,
    the last one is the decimal point.
    """
    if "," in text and "." in text:
        decimal_point = max(",", ".", key=text.rfind)
        thousands = "," if decimal_point == "." else "."
        return Decimal(text.replace(thousands, "").replace(decimal_point, "."))
    separator = "," if "," in text else "."
    whole, _, fraction = text.rpartition(separator)
    if not whole or text.count(separator) > 1 or len(fraction) == 3:
        return Decimal(text.replace(separator, ""))
    return Decimal(f"{whole}.{fraction}")


def whole_if_exact(value):
    """Return `value` without a fractional part when it has none ("19800000000", not "19800000000.0")."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def is_year(number):
    """Tell a year ("2023") from a count: a count that large is written with a separator ("2,000")."""
    return re.fullmatch(YEAR, number) is not None


def years_ago(count, reference):
    """Return 1 January of the year `count` years before the reference date's."""
    return datetime.date(reference.year - count, 1, 1)


def months_ago(count, reference):
    """Return the first day of the month `count` months before the reference date's."""
    index = reference.year * 12 + reference.month - 1 - count
    return datetime.date(index // 12, index % 12 + 1, 1)


def latest_before(month, reference):
    """Return the latest `month` strictly before the reference month ("last June")."""
    year = reference.year if month < reference.month else reference.year - 1
    return datetime.date(year, month, 1)


def earliest_after(month, reference):
    """Return the earliest `month` strictly after the reference month ("next June")."""
    year = reference.year if month > reference.month else reference.year + 1
    return datetime.date(year, month, 1)


def nearest_day(month, day, reference):
    """Return the `day` of `month` nearest the reference date ("on Sept. 16", no year given)."""
    days = [datetime.date(reference.year + offset, month, day) for offset in (-1, 0, 1)]
    return min(days, key=lambda candidate: abs(candidate - reference))
