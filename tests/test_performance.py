"""What keeps pages fast as content grows: indexes, prefetching and reading only what a page shows."""

from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import (
    Article,
    Fact,
    Person,
    Picture,
    QAPair,
    Source,
    TaggedArticle,
    TaggedFact,
    TaggedQAPair,
    Theme,
    prefetch_themes,
)
from articles.queries import HOME_THEMES, article_cards
from articles.views.themes import THEMES_PER_PAGE

from .support.factories import ArticleFactory, FactFactory, QAPairFactory, ThemeFactory


def selected_columns(url, client):
    """Return the SELECT statements a GET of `url` runs."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries if query["sql"].startswith("SELECT")]


class ThroughTableIndexTests(TestCase):
    def test_every_through_table_has_one_index_led_by_the_theme(self):
        """
        Theme pages, facets and counts find tagged rows by theme; without this index they scan the
        table. It is the unique (theme, content) constraint's: another on the theme alone would
        only cost writes.
        """
        for through in [TaggedArticle, TaggedQAPair, TaggedFact]:
            with self.subTest(table=through._meta.db_table), connection.cursor() as cursor:
                constraints = connection.introspection.get_constraints(cursor, through._meta.db_table)
                led_by_theme = [
                    constraint["columns"]
                    for constraint in constraints.values()
                    if (constraint["index"] or constraint["unique"]) and constraint["columns"][0] == "tag_id"
                ]
                self.assertEqual(led_by_theme, [["tag_id", "content_object_id"]], constraints)


class ThemeListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.themes = [ThemeFactory(name=name) for name in ["Space", "Energy", "Trade"]]
        cls.fact = FactFactory(themes=cls.themes)

    def test_prefetched_and_read_theme_lists_are_sorted_by_name(self):
        read = Fact.objects.get(pk=self.fact.pk).theme_list
        with self.assertNumQueries(2):
            prefetched = Fact.objects.prefetch_related(prefetch_themes()).get(pk=self.fact.pk).theme_list
        self.assertEqual([theme.name for theme in read], ["Energy", "Space", "Trade"])
        self.assertEqual(prefetched, read)

    def test_one_query_fills_every_objects_theme_list(self):
        FactFactory.create_batch(5, pair=self.fact.pair, themes=self.themes[:1])
        with self.assertNumQueries(2):
            counts = [len(fact.theme_list) for fact in Fact.objects.prefetch_related(prefetch_themes())]
        self.assertEqual(counts, [3, 1, 1, 1, 1, 1])


class PublishedCountsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade, cls.space, cls.energy = (ThemeFactory(name=name) for name in ["Trade", "Space", "Energy"])
        FactFactory(themes=[cls.trade, cls.space])
        draft = ArticleFactory(draft=True)
        for _ in range(3):
            FactFactory(pair=QAPairFactory(article=draft), themes=[cls.trade, cls.energy])

    def test_related_themes_count_only_published_facts(self):
        """A draft's facts must not show, nor be counted, on a public theme page."""
        response = self.client.get(self.trade.get_absolute_url())
        self.assertEqual([(theme.name, theme.shared) for theme in response.context["related"]], [("Space", 1)])

    def test_home_lists_the_themes_in_use_with_their_published_fact_counts(self):
        ThemeFactory(name="Unused")
        response = self.client.get(reverse("articles:home"))
        counts = {theme.name: theme.fact_count for theme in response.context["themes"]}
        self.assertEqual(counts, {"Space": 1, "Trade": 1})

    def test_in_use_counts_drafts_only_when_not_public(self):
        self.assertEqual(set(Theme.objects.in_use().values_list("name", flat=True)), {"Space", "Trade"})
        self.assertEqual(
            set(Theme.objects.in_use(public=False).values_list("name", flat=True)), {"Energy", "Space", "Trade"}
        )


class BoundedThemeListTests(TestCase):
    """However many themes editors make, the home page and each page of the theme list show a bounded number."""

    @classmethod
    def setUpTestData(cls):
        cls.themes = ThemeFactory.create_batch(THEMES_PER_PAGE + 1)
        pair = QAPairFactory()
        # Fact i carries themes i and after, so theme i has i + 1 facts: the last ones made are the busiest.
        for start in range(len(cls.themes)):
            FactFactory(pair=pair, themes=cls.themes[start:])

    def test_home_shows_the_themes_with_the_most_facts_busiest_first(self):
        response = self.client.get(reverse("articles:home"))
        shown = [(theme.name, theme.fact_count) for theme in response.context["themes"]]
        busiest = [(theme.name, count) for count, theme in reversed(list(enumerate(self.themes, start=1)))]
        self.assertEqual(shown, busiest[:HOME_THEMES])
        self.assertContains(response, f'<a href="{reverse("articles:theme-list")}">All themes</a>', html=True)

    def test_theme_list_is_paginated(self):
        url = reverse("articles:theme-list")
        first = self.client.get(url)
        second = self.client.get(url, {"page": 2})
        self.assertEqual(len(first.context["theme_list"]), THEMES_PER_PAGE)
        self.assertEqual(len(second.context["theme_list"]), 1)
        shown = {theme.pk for response in [first, second] for theme in response.context["theme_list"]}
        self.assertEqual(shown, {theme.pk for theme in self.themes})
        self.assertContains(first, 'rel="next" href="?page=2"')
        for page in ["3", "0", "x"]:
            with self.subTest(page=page):
                self.assertEqual(self.client.get(url, {"page": page}).status_code, 404)


class UnshownTextTests(TestCase):
    """Lists read the titles, prompts and quotes they show, not whole answers and intros."""

    @classmethod
    def setUpTestData(cls):
        cls.theme = ThemeFactory(name="Trade", slug="trade")
        FactFactory(themes=[cls.theme], pair=QAPairFactory(themes=[cls.theme]))

    def test_lists_do_not_read_answers_or_intros(self):
        answer = f'"{QAPair._meta.db_table}"."answer"'
        intro = f'"{Article._meta.db_table}"."intro"'
        for url in [
            reverse("articles:home"),
            reverse("articles:fact-list") + "?theme=trade",
            self.theme.get_absolute_url(),
            reverse("articles:feed-rss"),
        ]:
            with self.subTest(url=url):
                columns = " ".join(selected_columns(url, self.client))
                self.assertNotIn(intro, columns)
                self.assertNotIn(answer, columns)


# What ANALYZE (run by generate_demo) wrote of the article table's indexes over 20,000 interviews:
# the status index matches half of the 30,162 rows, the one of `translation_of` seems to match 4.
SQLITE_STATS_AT_20000 = [
    ("articles_ar_status_7759bd_idx", "30162 15081 2"),
    ("articles_article_translation_of_id_d24fb79e", "30162 4"),
    ("article_published_at_id", "30162 2 1"),
]


class LatestArticlesPlanTests(TestCase):
    def test_the_latest_originals_are_read_in_index_order_not_sorted(self):
        """
        The home page and the feeds read the newest published originals. Without an index led by
        `translation_of` and ordered by publication, SQLite found the originals by that column's
        index and sorted all of them for each page: at 20,000 interviews, 18 of the home page's
        40 ms. Over the index it stops after the first rows. SQLite is asked on its own database,
        the tables made from the models, whichever database the suite runs on.
        """
        plans = connections["plans"] = DatabaseWrapper(
            {**connection.settings_dict, "ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:", "OPTIONS": {}},
            "plans",
        )
        self.addCleanup(connections.__delitem__, "plans")
        self.addCleanup(plans.close)
        with plans.schema_editor() as editor:
            for model in [Person, Source, Picture, Article]:
                editor.create_model(model)
        with plans.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.executemany("INSERT INTO sqlite_stat1 VALUES ('articles_article', %s, %s)", SQLITE_STATS_AT_20000)
            # Read the statistics again, as a new connection would.
            cursor.execute("ANALYZE sqlite_schema")
            sql, params = article_cards()[:10].query.get_compiler(using="plans").as_sql()
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = [row[-1] for row in cursor.fetchall()]
        self.assertIn("article_originals_newest", " ".join(plan))
        self.assertFalse([step for step in plan if "TEMP B-TREE" in step], plan)
