"""
Bar charts of the figures facts state, drawn as SVG on the server. Figures are charted per
unit, so that only figures counted alike ever share a scale.
"""

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from .formatting import unit_name
from .i18n import active_language

MAX_BARS = 12
# One bar compares nothing: a unit needs this many figures to get a chart.
MIN_BARS = 2

# Sizes in SVG user units; site.css scales the whole drawing to its column. A label and its value
# take at most LABEL_CHARS columns, a wide character (Hangul) two.
WIDTH = 360
ROW_HEIGHT = 40
TEXT_BASELINE = 14
BAR_TOP = 20
BAR_HEIGHT = 14
LABEL_CHARS = 44

ROW = (
    '<text class="chart-text" x="0" y="{text_y}"><tspan class="chart-value">{value}</tspan> '
    "<tspan{lang}>{label}</tspan></text>"
    '<rect class="chart-bar" x="0" y="{bar_y}" width="{length}" height="{bar_height}"/>'
)


def columns(text):
    """Return how many columns `text` takes: two for each wide character (Hangul, CJK), one for the others."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def shortened(text, width):
    """Return `text` within `width` columns, cut with … where it is longer."""
    if columns(text) <= width:
        return text
    kept, used = [], 1
    for char in text:
        used += columns(char)
        if used > width:
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"


@dataclass
class Bar:
    fact: object
    length: Decimal

    @property
    def value(self):
        """Return the figure as the page's language writes it."""
        return self.fact.figure_display

    @property
    def language(self):
        """Return the language of the label when it is not the page's, else ""."""
        language = self.fact.wording.language
        return language if language != active_language() else ""

    @property
    def label(self):
        """Return the statement in the page's wording, shortened to fit beside the value on one line."""
        return shortened(self.fact.wording.statement, max(LABEL_CHARS - columns(self.value), 20))


@dataclass
class Chart:
    number: int
    unit: str
    bars: list
    total: int

    @property
    def id(self):
        return f"figure-{self.number}"

    @property
    def title(self):
        return _("Figures in %(unit)s") % {"unit": unit_name(self.unit)}

    @property
    def height(self):
        return ROW_HEIGHT * len(self.bars)

    def svg(self):
        """
        Return the chart as escaped SVG markup, named by its title and described in the page's
        language as the picture of the table that follows it; its geometry stays in SVG's own
        number syntax.
        """
        rows = format_html_join(
            "",
            ROW,
            (
                {
                    "text_y": index * ROW_HEIGHT + TEXT_BASELINE,
                    "bar_y": index * ROW_HEIGHT + BAR_TOP,
                    "bar_height": BAR_HEIGHT,
                    "length": f"{bar.length:.1f}",
                    "value": bar.value,
                    "label": bar.label,
                    # Inside SVG the parser reads xml:lang, not lang, as the text's language.
                    "lang": format_html(' xml:lang="{}"', language) if (language := bar.language) else "",
                }
                for index, bar in enumerate(self.bars)
            ),
        )
        # The statements may be in other languages than the page's, which a description cannot
        # mark: the table that follows every chart (includes/figures.html) marks each.
        description = _("The table that follows gives each bar’s figure and fact.")
        return format_html(
            '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" '
            'width="{width}" height="{height}"><title id="{id}-title">{title}</title>'
            '<desc id="{id}-desc">{description}</desc>{rows}</svg>',
            id=self.id,
            width=WIDTH,
            height=self.height,
            title=self.title,
            description=description,
            rows=rows,
        )


def figure_groups(facts):
    """
    Return a Chart for each unit in which `facts` state at least MIN_BARS figures, in the order
    the units first appear: its largest MAX_BARS figures, largest first, with bars scaled to
    the largest figure of that unit. Iterate `facts` once and run no query of its own.
    """
    by_unit = {}
    for fact in facts:
        if fact.value is not None:
            by_unit.setdefault(fact.unit, []).append(fact)
    charts = []
    for unit, unit_facts in by_unit.items():
        if len(unit_facts) < MIN_BARS:
            continue
        unit_facts.sort(key=lambda fact: fact.value, reverse=True)
        top = Decimal(unit_facts[0].value)
        # A negative figure gets no bar; its label still says it.
        bars = [
            Bar(fact, WIDTH * Decimal(max(fact.value, 0)) / top if top > 0 else Decimal(0))
            for fact in unit_facts[:MAX_BARS]
        ]
        charts.append(Chart(len(charts) + 1, unit, bars, len(unit_facts)))
    return charts
