"""
The facet index: exact counts and pages of the faceted lists (published facts; published
original articles) at a cost that does not grow with the corpus.

Each list's published rows are numbered in the list's order, and for every value of every facet
(each theme, person, source, year and kind) the index keeps a compressed bitmap of the numbers
of the rows that have it (pyroaring: the structure Lucene and Meilisearch keep per facet value).
A selection is the intersection of its values' bitmaps; an option's count is the size of its
bitmap's intersection with the selection; a page is a slice of the selection, whose rows are then
read by primary key. The index also keeps each theme's counts of published articles, pairs and
facts.

It is built from the database for one content version (versions.py), so it goes stale with every
change to content and at the moment a scheduled article comes due, as cached pages do. It is kept
in the shared cache with that version's token, for every worker on every host, and each worker
keeps the one it last read. When the shared cache holds none for the current version, the request
that takes the build lock builds and stores it, while other requests count in the database
(filters.py), as every request does when the cache does not answer. `manage.py
build_facet_index` builds it ahead of the first request.
"""

import heapq
import logging
from array import array
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.core.cache import cache
from django.db.models import BooleanField, Case, Count, ExpressionWrapper, F, IntegerField, Q, Value, When
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from pyroaring import BitMap, FrozenBitMap

from .models import Article, DatePrecision, Fact, QAPair, Theme
from .versions import current_version

INDEX_KEY = "facet-index"
BUILD_LOCK_SECONDS = 600
# Facts in the order their articles appeared, each article's in the order it states them.
FACT_ORDER = ("article__published_at", "article_id", "pair__position", "pk")
EMPTY = FrozenBitMap()

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FacetConfig:
    """A faceted list: its rows and where each facet lives on them."""

    name: str
    model: type
    order: tuple
    theme_relation: str
    person_path: str = ""
    source_path: str = ""
    date_path: str = ""
    kinds: dict = field(default_factory=dict)
    only: Q = field(default_factory=Q)

    def listed(self):
        """Return the list's published rows, in its order."""
        return self.model.objects.published().filter(self.only).order_by(*self.order)

    def facets(self):
        """Return an expression for the value of each facet but themes and kinds that the list has."""
        facets = {"person": F(self.person_path), "source": F(self.source_path), "year": ExtractYear(self.date_path)}
        paths = {"person": self.person_path, "source": self.source_path, "year": self.date_path}
        return {facet: expression for facet, expression in facets.items() if paths[facet]}


FACT_FACETS = FacetConfig(
    name="facts",
    model=Fact,
    order=FACT_ORDER,
    theme_relation="tagged_facts",
    person_path="person",
    source_path="article__source",
    date_path="date",
    kinds={
        "figure": (_("Figures"), Q(value__isnull=False)),
        "dated": (_("Dated"), Q(date__isnull=False)),
        "statement": (_("Statements"), Q(value__isnull=True, date__isnull=True)),
    },
)
# The newest first, as the article list shows them.
ARTICLE_FACETS = FacetConfig(
    name="articles",
    model=Article,
    order=("-published_at", "-pk"),
    theme_relation="tagged_articles",
    person_path="interviewee",
    source_path="source",
    date_path="original_date",
    kinds={kind: (label, Q(kind=kind)) for kind, label in Article.Kind.choices},
    only=Q(translation_of=None),
)
# Facts on the same date go from the broadest precision to the finest, so a decade heads its years.
PRECISION_RANK = Case(
    *(When(date_precision=precision, then=Value(rank)) for rank, precision in enumerate(DatePrecision.values)),
    output_field=IntegerField(),
)
# Dated facts from the earliest. Every one is dated, so the facts list's kinds would not narrow it.
TIMELINE_FACETS = replace(
    FACT_FACETS,
    name="timeline",
    order=("date", PRECISION_RANK, "article__published_at", "pk"),
    kinds={},
    only=Q(date__isnull=False),
)
# The theme page's Q&A pairs, the newest first: themes are their one facet.
PAIR_LIST = FacetConfig(
    name="pairs",
    model=QAPair,
    order=("-article__published_at", "article_id", "position"),
    theme_relation="tagged_pairs",
)
CONFIGS = (FACT_FACETS, ARTICLE_FACETS, TIMELINE_FACETS, PAIR_LIST)


@dataclass
class Listing:
    """One faceted list: the primary key of each row by its number, and each facet value's bitmap of numbers."""

    ids: array
    values: dict  # facet name -> {value: FrozenBitMap}

    @classmethod
    def build(cls, config):
        names = list(config.facets())
        facets = {f"facet_{name}": expression for name, expression in config.facets().items()}
        kinds = {f"kind_{kind}": ExpressionWrapper(q, BooleanField()) for kind, (_, q) in config.kinds.items()}
        # One row a listed row: its key, its value of each facet, whether it is of each kind.
        rows = config.listed().annotate(**facets, **kinds).values_list("pk", *facets, *kinds)
        ids, values = array("q"), defaultdict(lambda: defaultdict(list))
        for number, (pk, *row) in enumerate(rows.iterator(chunk_size=10000)):
            ids.append(pk)
            for facet, value in zip(names, row[: len(names)], strict=True):
                if value is not None:
                    values[facet][value].append(number)
            for kind, flag in zip(config.kinds, row[len(names) :], strict=True):
                if flag:
                    values["kind"][kind].append(number)
        if ids and max(ids) < 1 << 32:
            # Four bytes a key instead of eight: about 3 MB less in each worker at 20,000 interviews.
            ids = array("I", ids)
        numbers = {pk: number for number, pk in enumerate(ids)}
        tagged_items = Theme._meta.get_field(config.theme_relation).related_model
        themes = tagged_items.objects.values_list("content_object_id", "tag_id")
        for pk, theme in themes.iterator(chunk_size=10000):
            if (number := numbers.get(pk)) is not None:
                values["theme"][theme].append(number)
        return cls(
            ids,
            {
                facet: {value: FrozenBitMap(numbers) for value, numbers in by_value.items()}
                for facet, by_value in values.items()
            },
        )

    def select(self, chosen, years=(None, None)):
        """
        Return the numbers of the rows that have every (facet, value) of `chosen` and a year
        within `years` (from, to; either may be None).
        """
        sets = [self.values.get(facet, {}).get(value, EMPTY) for facet, value in chosen]
        low, high = years
        if low or high:
            in_range = [
                numbers
                for year, numbers in self.values.get("year", {}).items()
                if (low is None or year >= low) and (high is None or year <= high)
            ]
            sets.append(BitMap.union(*in_range) if in_range else EMPTY)
        return BitMap.intersection(*sets) if sets else BitMap(range(len(self.ids)))

    def counts(self, facet, selection):
        """Return how many rows of `selection` have each value of `facet`: those with any."""
        whole = len(selection) == len(self.ids)
        counted = (
            (value, len(numbers) if whole else numbers.intersection_cardinality(selection))
            for value, numbers in self.values.get(facet, {}).items()
        )
        return {value: count for value, count in counted if count}

    def top(self, facet, selection, limit, exclude=()):
        """Return the `limit` values of `facet` with the most rows in `selection`, as {value: count}; ties by value."""
        counts = self.counts(facet, selection)
        # A heap of the `limit` best instead of sorting them all: 2,500 people at 20,000 interviews.
        best = heapq.nsmallest(limit, ((-count, value) for value, count in counts.items() if value not in exclude))
        return {value: -count for count, value in best}

    def rows(self, queryset, selection):
        return Rows(self, selection, queryset)


class Rows:
    """
    The rows of `queryset` numbered `selection` in a listing, in their order: what a Paginator
    pages through (by slices). Only a page's rows are read, by primary key, whichever page it is.
    """

    def __init__(self, listing, selection, queryset):
        self.listing, self.selection, self.queryset = listing, selection, queryset

    def __len__(self):
        return len(self.selection)

    def __getitem__(self, page):
        return PageOfRows(tuple(self.listing.ids[number] for number in self.selection[page]), self.queryset)


class PageOfRows:
    """
    A page of Rows: the primary keys of its rows (`ids`), and the rows, read by key when the page
    is first iterated, so that a page whose fragments are kept (kept.py) reads none.
    """

    def __init__(self, ids, queryset):
        self.ids, self.queryset = ids, queryset

    @cached_property
    def rows(self):
        found = self.queryset.in_bulk(self.ids)
        return [found[pk] for pk in self.ids if pk in found]

    def __len__(self):
        return len(self.ids)

    def __iter__(self):
        return iter(self.rows)

    def __getitem__(self, index):
        # Templates look `page.ids` up as page["ids"] first: that must not read the rows.
        if not isinstance(index, int | slice):
            raise TypeError(f"A page of rows is indexed by number, not by {index!r}.")
        return self.rows[index]


def known(counts):
    """Return an expression worth each row's count in `counts` ({pk: count}), 0 for the others."""
    whens = [When(pk=pk, then=Value(count)) for pk, count in counts.items()]
    return Case(*whens, default=Value(0), output_field=IntegerField())


@dataclass
class FacetIndex:
    token: str  # the content version's
    listings: dict  # FacetConfig.name -> Listing
    theme_counts: dict  # theme pk -> (articles, pairs, facts), published ones, for the themes in use

    def listing(self, config):
        return self.listings[config.name]

    def themes_in_use(self, themes, counts=True):
        """
        Return `themes` that published content uses; with `counts`, annotated as
        Theme.objects.with_counts() annotates them.
        """
        used = themes.filter(pk__in=list(self.theme_counts))
        if not counts:
            return used
        counts = [{pk: row[position] for pk, row in self.theme_counts.items()} for position in range(3)]
        return used.annotate(
            article_count=known(counts[0]), pair_count=known(counts[1]), fact_count=known(counts[2])
        ).annotate(total=F("article_count") + F("pair_count") + F("fact_count"))

    def tagged(self, config, theme, queryset):
        """Return the rows of `queryset` in the list `config` that carry `theme`, in the list's order."""
        listing = self.listing(config)
        return listing.rows(queryset, listing.select([("theme", theme.pk)]))

    def related_themes(self, theme, themes, limit):
        """Return the `limit` of `themes` sharing the most published facts with `theme`, that count as `shared`."""
        facts = self.listing(FACT_FACETS)
        shared = facts.counts("theme", facts.select([("theme", theme.pk)]))
        shared.pop(theme.pk, None)
        return themes.filter(pk__in=list(shared)).annotate(shared=known(shared)).order_by("-shared", "name")[:limit]


def build(token):
    """
    Return the facet index of the published content, for the content version `token`. Each
    theme's counts of facts and pairs are its bitmaps' sizes; of articles (translations
    included), one grouped query.
    """
    listings = {config.name: Listing.build(config) for config in CONFIGS}
    tagged_articles = Theme._meta.get_field(ARTICLE_FACETS.theme_relation).related_model.objects.published()
    articles = dict(tagged_articles.values_list("tag").annotate(count=Count("pk")).order_by())
    pairs = listings[PAIR_LIST.name].values.get("theme", {})
    facts = listings[FACT_FACETS.name].values.get("theme", {})
    counts = {
        pk: (articles.get(pk, 0), len(pairs.get(pk, EMPTY)), len(facts.get(pk, EMPTY)))
        for pk in {*articles, *pairs, *facts}
    }
    return FacetIndex(token, listings, counts)


def build_lock(token):
    return f"{INDEX_KEY}-building-{token}"


def build_and_store(token):
    """Build the index for `token`; store it, and free the build lock, if `token` is still the current version's."""
    index = build(token)
    try:
        if current_version().token == token:
            cache.set(INDEX_KEY, index, None)
        cache.delete(build_lock(token))
    except Exception:
        logger.exception("The facet index was built but could not be stored.")
    return index


# This worker's copy of the index it last read or built.
LOADED = {}


def current_index():
    """
    Return the facet index of the current content version: this worker's copy, else the shared
    cache's, else one this request builds when no other request is building it; None while another
    one is, or when the shared cache does not answer.
    """
    try:
        token = current_version().token
        index = LOADED.get(INDEX_KEY)
        if index is None or index.token != token:
            # The stale index goes before the current one is read: a worker never holds two.
            LOADED.clear()
            del index
            index = cache.get(INDEX_KEY)
        stale = index is None or index.token != token
        if stale and not cache.add(build_lock(token), True, BUILD_LOCK_SECONDS):
            return None
    except Exception:
        logger.exception("The shared cache did not answer: facets are counted in the database.")
        return None
    if stale:
        index = build_and_store(token)
    LOADED[INDEX_KEY] = index
    return index
