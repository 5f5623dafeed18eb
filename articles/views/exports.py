"""
Downloads of the facts as CSV and JSON, filtered exactly like the facts list, and the page
that documents them.
"""

import csv
import json

from django.db.models import Max, Min
from django.http import Http404, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ..facet_index import FACT_FACETS
from ..filters import Facets
from ..i18n import active_language
from ..jsonld import json_ld_script
from ..links import web_url
from ..models import Fact, Theme
from ..queries import fact_cards
from ..query_strings import private_if

# Each column's name, meaning and format, in file order; /data/ documents them from here.
COLUMNS = {
    "id": (_("The fact's number on Kormex; it does not change."), _("Integer.")),
    "language": (
        _("The language of statement and quote: the download's where the fact is worded in it, else the original's."),
        _("en, es or ko."),
    ),
    "statement": (_("The fact in one sentence, in the editors' words."), _("Text.")),
    "value": (
        _("The figure the fact states, if any."),
        _("Plain decimal with a point, without exponent or thousands separators: 19800000000, -2.5."),
    ),
    "unit": (_("What the value counts."), _("USD, %, or a plural noun such as jobs; empty without a value.")),
    "date": (
        _("The date the fact states, if any."),
        _("ISO 8601, 2023-01-01; a year, month or decade is given as its first day."),
    ),
    "date_precision": (
        _("How much of the date the source gives."),
        _("decade, year, month or day: 2023-01-01 with year means 2023."),
    ),
    "quote": (_("The source's exact words that support the fact."), _("Text, verbatim.")),
    "original_language": (_("The language the interview was first published in."), _("en, es or ko.")),
    "original_statement": (_("The statement in the original's language."), _("Text.")),
    "original_quote": (_("The quote in the original's language."), _("Text, verbatim.")),
    "article_url": (_("The interview on Kormex, in the language of the quote."), _("Absolute URL.")),
    "pair_url": (
        _("The question and answer that states the fact, in the language of the quote."),
        _("Absolute URL with the pair's anchor; empty when the fact is stated in the article's introduction."),
    ),
    "person": (_("Who the fact is attributed to."), _("Name; empty when it is attributed to no one.")),
    "source": (_("The publication the interview comes from."), _("Name.")),
    "source_url": (_("The original article at the source."), _("Absolute URL; empty when it is not online.")),
    "themes": (
        _("The fact's themes, named in the download's language where they have a name in it."),
        _('Names sorted by name, joined by "; " in CSV, a list in JSON.'),
    ),
}
# Rows fetched per database round trip, each chunk with one query for its themes.
CHUNK_SIZE = 500
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_PREFIXES = ("=", "+", "-", "@")
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


def export_rows(request, facts):
    """
    Yield each fact of `facts` (a claim, once whatever the languages it is worded in) as a dict
    of COLUMNS, absent values as None: worded in the page's language where it can be, and in
    the original's.
    """
    for fact in facts.select_related("article__source").iterator(chunk_size=CHUNK_SIZE):
        article, wording = fact.article, fact.wording
        yield {
            "id": fact.pk,
            "language": wording.language,
            "statement": wording.statement,
            # A plain decimal, without exponent or thousands separators: "19800000000", "-2.5".
            "value": None if fact.value is None else f"{fact.value.normalize():f}",
            "unit": fact.unit or None,
            "date": fact.date.isoformat() if fact.date else None,
            "date_precision": fact.date_precision or None,
            "quote": wording.quote,
            "original_language": article.language,
            "original_statement": fact.statement,
            "original_quote": fact.quote,
            "article_url": request.build_absolute_uri(wording.article.get_absolute_url()),
            "pair_url": request.build_absolute_uri(wording.get_absolute_url()) if fact.pair_id else None,
            "person": fact.person.local_name if fact.person else None,
            "source": article.source.name if article.source else None,
            "source_url": web_url(article.source_url) or None,
            # Sorted here: ordering the prefetched relation would cost a query per row.
            "themes": sorted(theme.local_name for theme in fact.theme_list),
        }


def neutralise(cell):
    """Return text a spreadsheet would run as a formula with a leading quote, other text as is."""
    if cell.startswith(("\t", "\r")) or cell.lstrip().startswith(FORMULA_PREFIXES):
        return f"'{cell}"
    return cell


class Echo:
    """A file-like object whose write() returns what it is given, for csv.writer to stream."""

    def write(self, value):
        return value


def csv_lines(rows):
    """Yield the header line, then one line per row; text cells are neutralised, not the value."""
    writer = csv.writer(Echo())
    yield writer.writerow(list(COLUMNS))
    for row in rows:
        cells = {**row, "themes": "; ".join(row["themes"])}
        yield writer.writerow(
            [
                neutralise(cell) if isinstance(cell, str) and column != "value" else cell
                for column, cell in cells.items()
            ]
        )


def json_chunks(head, rows):
    """Yield `head` as a JSON object that goes on with "facts" (the rows) and their "count"."""
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "facts": ['
    count = 0
    for count, row in enumerate(rows, 1):
        yield ("" if count == 1 else ", ") + json.dumps(row, ensure_ascii=False)
    yield f'], "count": {count}}}\n'


def applied_filters(facets):
    """Return the filters `facets` applied as parameters of the page's /facts/, a theme page's theme first."""
    query = {
        "theme": [theme.local_slug for theme in [facets.fixed_theme, *facets.themes] if theme],
        "person": facets.person.slug if facets.person else None,
        "source": facets.source.pk if facets.source else None,
        "from": facets.year_from,
        "to": facets.year_to,
        "kind": facets.kind,
    }
    return {name: value for name, value in query.items() if value}


def export(request, fmt, fixed_theme=None):
    """Stream the published facts the query string selects as `fmt` ("csv" or "json")."""
    facets = Facets(request.GET, fact_cards(), FACT_FACETS, fixed_theme=fixed_theme, index=False)
    rows = export_rows(request, facets.queryset)
    if fmt == "csv":
        content, content_type = csv_lines(rows), "text/csv; charset=utf-8"
    else:
        head = {
            "source": "Kormex",
            "generated": timezone.now().replace(microsecond=0).isoformat(),
            "query": applied_filters(facets),
            "notices": facets.notices,
        }
        content, content_type = json_chunks(head, rows), MEDIA_TYPES["json"]
    filename = f"kormex-facts-{fixed_theme.local_slug}.{fmt}" if fixed_theme else f"kormex-facts.{fmt}"
    response = StreamingHttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
    return private_if(facets.notices, response)


@require_safe
def fact_export(request, fmt):
    """Download the published facts that /facts/ shows for the same query string."""
    return export(request, fmt)


@require_safe
def theme_fact_export(request, slug, fmt):
    """
    Download a theme's published facts, narrowed by the query string as on the theme page; its
    slug in another language than the page's, or an old slug of a renamed or merged theme,
    answers 301 to the theme's download at its slug in the page's language. A theme no
    published content uses answers 404, as one that does not exist.
    """
    theme = Theme.objects.in_use().by_slug([slug]).get(slug)
    if theme is None:
        raise Http404("No such theme.")
    if theme.local_slug != slug:
        url = reverse(f"articles:theme-facts-{fmt}", kwargs={"slug": theme.local_slug})
        if query := request.META.get("QUERY_STRING"):
            url = f"{url}?{query}"
        return HttpResponsePermanentRedirect(url)
    return export(request, fmt, fixed_theme=theme)


@require_safe
def data(request):
    """Document the downloads: files, columns, filters and how to cite them."""
    themes = Theme.objects.with_counts().filter(fact_count__gt=0).in_local_order()
    dates = Fact.objects.published().aggregate(first=Min("date"), last=Max("date"))
    downloads = {fmt: request.build_absolute_uri(reverse(f"articles:facts-{fmt}")) for fmt in MEDIA_TYPES}
    kormex = {"@type": "Organization", "name": "Kormex", "url": request.build_absolute_uri(reverse("articles:home"))}
    dataset = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": gettext("Korea–Mexico interview facts"),
        "description": gettext(
            "Facts stated in interviews on Korea–Mexico relations: figures, dates and commitments, "
            "each with the verbatim quote that supports it, the person it is attributed to, its "
            "source and its themes."
        ),
        "url": request.build_absolute_uri(reverse("articles:data")),
        "inLanguage": active_language(),
        "creator": kormex,
        "publisher": kormex,
        "isAccessibleForFree": True,
        "keywords": [theme.local_name for theme in themes],
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": MEDIA_TYPES[fmt], "contentUrl": url}
            for fmt, url in downloads.items()
        ],
    }
    if dates["first"]:
        first, last = dates["first"].year, dates["last"].year
        dataset["temporalCoverage"] = str(first) if first == last else f"{first}/{last}"
    # The theme example names the two themes with the most facts by their slugs in the page's
    # language, as their addresses do; every example is under the page's language prefix.
    example_themes = sorted(themes, key=lambda theme: -theme.fact_count)[:2]
    csv_url, json_url = reverse("articles:facts-csv"), reverse("articles:facts-json")
    examples = {
        "theme": (f"{csv_url}?" + "&".join(f"theme={theme.local_slug}" for theme in example_themes)).rstrip("?"),
        "person": f"{json_url}?person=sang-min-lee",
        "source": f"{csv_url}?source=1",
        "years": f"{csv_url}?from=2020&to=2030",
        "kind": f"{csv_url}?kind=figure",
    }
    context = {
        "themes": themes,
        "examples": examples,
        "columns": [(name, *doc) for name, doc in COLUMNS.items()],
        "downloads": downloads,
        "dates": dates,
        "dataset_json_ld": json_ld_script(dataset),
    }
    return render(request, "articles/data.html", context)
