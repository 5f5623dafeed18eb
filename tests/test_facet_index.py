"""
The facet index (articles/facet_index.py): its counts and pages are those of plain SQL on random
content, it follows every kind of change and the moment a scheduled article comes due, it is
shared through the cache, and pages stay correct without it.
"""

import weakref
from datetime import date, timedelta
from io import StringIO
from unittest import mock

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from articles import facet_index
from articles.facet_index import ARTICLE_FACETS, FACT_FACETS, INDEX_KEY, TIMELINE_FACETS, current_index
from articles.filters import Facets
from articles.models import Article, Fact, Theme
from articles.queries import article_cards, fact_cards, theme_content, themes_in_use
from articles.services.themes import merge_themes
from articles.versions import VERSION_KEY

from .support.facets import facet_index_building
from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, SourceFactory, ThemeFactory

FACTS = reverse("articles:fact-list")
LISTS = {
    "facts": (FACT_FACETS, fact_cards),
    "articles": (ARTICLE_FACETS, article_cards),
    "timeline": (TIMELINE_FACETS, fact_cards),
}

facts = st.lists(
    st.fixed_dictionaries(
        {
            "person": st.sampled_from([None, 0, 1, 2]),
            "value": st.sampled_from([None, 5, 70]),
            "year": st.sampled_from([None, 1999, 2020, 2021]),
            "themes": st.sets(st.integers(0, 3), max_size=3),
        }
    ),
    max_size=4,
)
articles = st.lists(
    st.fixed_dictionaries(
        {
            "state": st.sampled_from(["published", "published", "scheduled", "draft"]),
            "source": st.integers(0, 1),
            "interviewee": st.integers(0, 2),
            "kind": st.sampled_from(Article.Kind.values),
            "year": st.sampled_from([None, 2020, 2021]),
            "themes": st.sets(st.integers(0, 3), max_size=2),
            "pair_themes": st.sets(st.integers(0, 3), max_size=2),
            "facts": facts,
        }
    ),
    min_size=1,
    max_size=5,
)
selections = st.fixed_dictionaries(
    {
        "theme": st.lists(st.sampled_from(["t0", "t1", "t2", "t3"]), max_size=2, unique=True),
        "person": st.sampled_from(["", "p0", "p1", "p2"]),
        "source": st.sampled_from(["", 0, 1]),
        "from": st.sampled_from(["", "2000", "2021"]),
        "to": st.sampled_from(["", "2020", "2030"]),
        "kind": st.sampled_from(["", "figure", "dated", "statement", "interview", "news"]),
    }
)


def make_content(spec):
    """Create the people, sources, themes and articles `spec` (drawn by `articles`) describes; return the sources."""
    themes = [ThemeFactory(name=f"Theme {n}", slug=f"t{n}") for n in range(4)]
    people = [PersonFactory(name=f"Person {n}", slug=f"p{n}") for n in range(3)]
    sources = [SourceFactory(name=f"Source {n}") for n in range(2)]
    now = timezone.now()
    published_at = {"published": now - timedelta(days=1), "scheduled": now + timedelta(days=1), "draft": None}
    for number, drawn in enumerate(spec):
        article = ArticleFactory(
            status=Article.Status.DRAFT if drawn["state"] == "draft" else Article.Status.PUBLISHED,
            published_at=published_at[drawn["state"]] and published_at[drawn["state"]] - timedelta(minutes=number),
            source=sources[drawn["source"]],
            interviewee=people[drawn["interviewee"]],
            kind=drawn["kind"],
            original_date=drawn["year"] and date(drawn["year"], 3, 1),
            original_date_precision="day" if drawn["year"] else "",
            themes=[themes[n] for n in drawn["themes"]],
        )
        pair = QAPairFactory(article=article, themes=[themes[n] for n in drawn["pair_themes"]])
        for fact in drawn["facts"]:
            FactFactory(
                pair=pair,
                person=None if fact["person"] is None else people[fact["person"]],
                value=fact["value"],
                unit="jobs" if fact["value"] else "",
                date=fact["year"] and date(fact["year"], 6, 1),
                date_precision="day" if fact["year"] else "",
                themes=[themes[n] for n in fact["themes"]],
            )
    return sources


def query(selection, sources):
    params = QueryDict(mutable=True)
    params.setlist("theme", selection["theme"])
    for name in ("person", "from", "to", "kind"):
        if selection[name]:
            params[name] = selection[name]
    if selection["source"] != "":
        params["source"] = str(sources[selection["source"]].pk)
    return params


def shown(facets):
    """Return everything a faceted page shows of its counts and rows."""
    options = {
        name: [(option.value, option.count) for option in getattr(facets, f"{name}_options")()]
        for name in ("theme", "person", "source", "year", "kind")
    }
    return options, [row.pk for row in facets.matches[0 : len(facets.matches)]], facets.notices


def facets_with(index, params, name, fixed_theme=None):
    """Return the Facets of the list `name` for `params`, from `index` (the database when None), and what they show."""
    config, rows = LISTS[name]
    with mock.patch("articles.filters.current_index", return_value=index):
        facets = Facets(params, rows().filter(config.only).order_by(*config.order), config, fixed_theme)
        return facets, shown(facets)


def theme_page(index, theme):
    """Return what the theme page shows of its lists and counts, from `index` (else the database)."""
    with mock.patch("articles.queries.current_index", return_value=index):
        content = theme_content(theme)
        return (
            [pair.pk for pair in content["pairs"]],
            content["pair_count"],
            [article.pk for article in content["articles"]],
            [(related.pk, related.shared) for related in content["related"]],
        )


def theme_list(index):
    """Return the themes in use with their counts, from `index` (else the database)."""
    with mock.patch("articles.queries.current_index", return_value=index):
        themes = themes_in_use().order_by("pk")
        return [(theme.pk, theme.article_count, theme.pair_count, theme.fact_count, theme.total) for theme in themes]


class IndexMatchesSQLTests(HypothesisTestCase):
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(spec=articles, selection=selections, name=st.sampled_from(list(LISTS)), fixed=st.booleans())
    def test_counts_and_rows_are_those_of_plain_sql_on_random_content(self, spec, selection, name, fixed):
        sources = make_content(spec)
        index = facet_index.build("test")
        params = query(selection, sources)
        fixed_theme = Theme.objects.in_use().filter(slug="t0").first() if fixed else None
        indexed, from_index = facets_with(index, params, name, fixed_theme)
        counted, from_sql = facets_with(None, params, name, fixed_theme)
        self.assertEqual(from_index, from_sql)
        self.assertEqual(theme_list(index), theme_list(None))
        if fixed_theme:
            self.assertEqual(theme_page(index, fixed_theme), theme_page(None, fixed_theme))
        # Each count is the number of rows the page would list with that option chosen too.
        self.assertEqual(len(indexed.matches), counted.queryset.count())
        for value, count in from_index[0]["theme"]:
            narrower = params.copy()
            narrower.appendlist("theme", value)
            self.assertEqual(facets_with(None, narrower, name, fixed_theme)[0].queryset.count(), count)
        for facet in ("person", "source", "kind"):
            for value, count in from_index[0][facet]:
                narrower = params.copy()
                narrower[facet] = value
                self.assertEqual(facets_with(None, narrower, name, fixed_theme)[0].queryset.count(), count)


@override_settings(PAGE_CACHE=False)
class IndexFollowsChangesTests(TestCase):
    """After each kind of change the next request counts from an index of the changed content."""

    def setUp(self):
        self.trade, self.space = ThemeFactory(name="Trade", slug="trade"), ThemeFactory(name="Space", slug="space")
        self.article = ArticleFactory(themes=[self.trade])
        self.fact = FactFactory(pair=QAPairFactory(article=self.article), themes=[self.trade])

    def trade_count(self):
        """Return the facts list's count of Trade, as the index gives it (and check that it is the index's)."""
        index = current_index()
        self.assertIsNotNone(index)
        response = self.client.get(FACTS)
        counted = Fact.objects.published().filter(themes=self.trade).count()
        listing = index.listing(FACT_FACETS)
        self.assertEqual(listing.counts("theme", listing.select([])).get(self.trade.pk, 0), counted)
        self.assertEqual(response.context["facets"].index, index)
        return counted

    def unpublish(self):
        self.article.status, self.article.published_at = Article.Status.DRAFT, None
        self.article.save()

    def test_each_kind_of_change_reaches_the_index(self):
        self.assertEqual(self.trade_count(), 1)
        space_fact = FactFactory(pair=self.fact.pair, themes=[self.space])
        changes = [
            ("a fact saved", lambda: FactFactory(pair=self.fact.pair, themes=[self.trade]), 2),
            ("a fact deleted", lambda: Fact.objects.filter(pk=self.fact.pk).delete(), 1),
            ("a theme added", lambda: space_fact.themes.add(self.trade), 2),
            ("themes merged", lambda: merge_themes(self.trade, [self.space], None), 2),
            ("unpublished", self.unpublish, 0),
        ]
        for name, change, expected in changes:
            with self.subTest(change=name):
                change()
                self.assertEqual(self.trade_count(), expected)

    def test_a_scheduled_article_counts_from_the_moment_it_comes_due(self):
        due = timezone.now() + timedelta(hours=1)
        FactFactory(pair=QAPairFactory(article=ArticleFactory(published_at=due)), themes=[self.trade])
        listing = current_index().listing(FACT_FACETS)
        self.assertEqual(listing.counts("theme", listing.select([]))[self.trade.pk], 1)
        with mock.patch("django.utils.timezone.now", return_value=due + timedelta(seconds=1)):
            listing = current_index().listing(FACT_FACETS)
            self.assertEqual(listing.counts("theme", listing.select([]))[self.trade.pk], 2)


@override_settings(PAGE_CACHE=False)
class SharedIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        FactFactory(pair=QAPairFactory(article=ArticleFactory(themes=[cls.trade])), themes=[cls.trade])

    def test_another_worker_reads_the_stored_index_without_the_database(self):
        built = current_index()
        facet_index.LOADED.clear()
        with self.assertNumQueries(0):
            read = current_index()
        self.assertEqual(read.token, built.token)
        self.assertEqual(list(read.listing(FACT_FACETS).ids), list(built.listing(FACT_FACETS).ids))

    def test_a_worker_lets_the_stale_index_go_before_it_reads_the_current_one(self):
        """Regression: a worker held the stale index while it read the current one, two at once."""
        stale = weakref.ref(current_index())
        FactFactory(pair=QAPairFactory(article=ArticleFactory()), themes=[self.trade])
        alive, read = [], cache.get

        def get(key, *args, **kwargs):
            if key == INDEX_KEY:
                alive.append(stale() is not None)
            return read(key, *args, **kwargs)

        with mock.patch.object(facet_index.cache, "get", side_effect=get):
            self.assertIsNotNone(current_index())
        self.assertEqual(alive, [False])

    def test_build_facet_index_stores_the_index_of_the_current_version(self):
        out = StringIO()
        call_command("build_facet_index", stdout=out)
        self.assertIn("Indexed 1 facts, 1 articles, 0 timeline, 1 pairs and 1 themes", out.getvalue())
        self.assertEqual(cache.get(INDEX_KEY).token, cache.get(VERSION_KEY).token)

    def test_while_another_request_builds_it_pages_count_in_the_database(self):
        facet_index_building()
        with mock.patch.object(facet_index, "build") as build:
            response = self.client.get(FACTS)
        build.assert_not_called()
        self.assertEqual([(option.value, option.count) for option in response.context["theme_options"]], [("trade", 1)])

    def test_when_the_cache_does_not_answer_pages_count_in_the_database(self):
        with mock.patch("articles.facet_index.cache.get", side_effect=ConnectionError("down")):
            self.assertIsNone(current_index())
            response = self.client.get(FACTS)
        self.assertEqual([(option.value, option.count) for option in response.context["theme_options"]], [("trade", 1)])


class DeepPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        for _ in range(3):
            pair = QAPairFactory(article=ArticleFactory())
            for _ in range(45):
                FactFactory(pair=pair, themes=[cls.trade])

    def test_a_page_deep_in_a_list_reads_its_rows_alone_by_key(self):
        listing = current_index().listing(FACT_FACETS)
        rows = listing.rows(fact_cards(), listing.select([("theme", self.trade.pk)]))
        with CaptureQueriesContext(connection) as captured:
            page = rows[100:130]
        # The page knows its keys before it reads a row, and reads its rows when first iterated.
        self.assertEqual((len(captured), len(page)), (0, 30))
        with CaptureQueriesContext(connection) as captured:
            facts = list(page)
        # The facts, their themes and their wordings in the page's language: by key, no OFFSET.
        self.assertEqual(len(captured), 3)
        self.assertNotIn("OFFSET", captured[0]["sql"])
        expected = list(fact_cards().filter(themes=self.trade))[100:130]
        self.assertEqual((facts, page.ids), (expected, tuple(fact.pk for fact in expected)))
        self.assertEqual(len(rows), 135)

    def test_keys_are_kept_in_four_bytes_when_they_fit_and_in_eight_when_one_does_not(self):
        listing = current_index().listing(FACT_FACETS)
        self.assertEqual(listing.ids.itemsize, 4)
        far = FactFactory(pk=(1 << 32) + 7, pair=QAPairFactory(article=ArticleFactory()), themes=[self.trade])
        listing = current_index().listing(FACT_FACETS)
        self.assertEqual(listing.ids.itemsize, 8)
        rows = listing.rows(fact_cards(), listing.select([("theme", self.trade.pk)]))
        self.assertEqual(list(rows[135:136]), [far])
