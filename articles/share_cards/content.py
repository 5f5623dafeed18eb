"""
What each share card says, in the active language: the words drawn on it (draw.py) and its
description for readers who cannot see it (og:image:alt).
"""

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from ..formatting import grouped
from ..i18n import active_language


@dataclass(frozen=True)
class Card:
    language: str
    # A short label above the headline: what the card shows.
    eyebrow: str
    headline: str
    body: str = ""
    footer: str = ""
    # Whether the headline is a figure or a date, drawn larger.
    figure: bool = False


def site_card():
    """The card of the home page and the list pages: the site's name and what it publishes."""
    return Card(
        active_language(),
        "Kormex",
        gettext("Korea–Mexico relations, interview by interview"),
        gettext(
            "Interviews on Korea–Mexico relations as structured, citable content: every fact traced to the "
            "words that support it."
        ),
    )


def site_alt():
    return gettext("Kormex: Korea–Mexico relations, interview by interview")


def article_card(article):
    """An article's card: its title, and who was interviewed, where and when."""
    return Card(active_language(), f"Kormex · {article.get_kind_display()}", article.title, footer=article.credit)


def article_alt(article, credit):
    """Describe the card of `article` (the version drawn), with `credit`: who was interviewed, where and when."""
    return gettext("Kormex card: “%(title)s”, %(credit)s") % {"title": article.title, "credit": credit}


def fact_card(fact):
    """
    A fact's card: its figure or date large, its statement in the page's language (fact.wording)
    and its citation; a fact with neither figure nor date has its statement as the headline.
    """
    statement = fact.wording.statement
    figure = fact.figure_display or fact.date_display
    eyebrow = f"Kormex · {gettext('Fact')}"
    if figure:
        return Card(active_language(), eyebrow, figure, statement, fact.credit, figure=True)
    return Card(active_language(), eyebrow, statement, footer=fact.credit)


def fact_alt(fact):
    figure = fact.figure_display or fact.date_display
    statement = fact.wording.statement
    return gettext("Kormex card of a fact: %(fact)s") % {"fact": f"{figure}: {statement}" if figure else statement}


def theme_card(theme):
    """A theme's card: its name and its counts of published articles and facts (annotated on `theme`)."""
    counts = " · ".join(
        [
            ngettext("%(number)s article", "%(number)s articles", theme.article_count)
            % {"number": grouped(theme.article_count, active_language())},
            ngettext("%(number)s fact", "%(number)s facts", theme.fact_count)
            % {"number": grouped(theme.fact_count, active_language())},
        ]
    )
    return Card(active_language(), f"Kormex · {gettext('Theme')}", theme.local_name, footer=counts)


def theme_alt(theme):
    return gettext("Kormex card of the theme “%(theme)s”") % {"theme": theme.local_name}
