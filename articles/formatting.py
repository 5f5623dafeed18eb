"""Render stored figures and dates the way readers write them ("$19.8 billion", "May 2024")."""

from decimal import Decimal

from django.utils.formats import date_format

SCALES = [(Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")]


def format_number(value):
    """Return `value` with thousands separators, or in millions/billions when that reads exactly."""
    value = Decimal(value)
    for size, word in SCALES:
        scaled = value / size
        if abs(scaled) >= 1 and scaled == scaled.quantize(Decimal("0.01")):
            return f"{scaled.normalize():f} {word}"
    return f"{value.normalize():,f}"


def format_figure(value, unit):
    """Return a value with its unit: "$19.8 billion", "33%", "150,000 jobs"."""
    if value is None:
        return ""
    number = format_number(value)
    if unit == "USD":
        return f"${number}"
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}"


def format_date(value, precision):
    """Return `value` at its precision: "2000s", "2023", "May 2024", "7 June 2024"."""
    if value is None:
        return ""
    if precision == "decade":
        return f"{value.year}s"
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return date_format(value, "F Y")
    return date_format(value, "j F Y")


def iso_date(value, precision):
    """Return `value` as an HTML <time> datetime at its precision ("2023", "2024-05"), or ""."""
    if value is None or precision == "decade":
        return ""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
