import re
from datetime import timedelta
from unittest import skipUnless

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Fact, QAPair, SearchEntry
from articles.models.search import DOCUMENT_COLUMN, entry_document
from articles.search_index import WORDS_TABLE, index_articles
from articles.views.search import RESULT_TYPES, matching

from .support.facets import FACET_MODES
from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, ThemeFactory

SEARCH = reverse("articles:search")


def h1_count(response):
    return len(re.findall(r"<h1[\s>]", response.content.decode()))


class SearchTestCase(TestCase):
    def search(self, **params):
        response = self.client.get(SEARCH, params)
        self.assertEqual(response.status_code, 200, params)
        return response

    def found(self, **params):
        """Return the URLs of each type of result, best first."""
        groups = self.search(**params).context["groups"]
        return {group["label"]: [result.url for result in group["results"]] for group in groups}


class SearchResultsTests(SearchTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.space = ThemeFactory(name="Space", slug="space")
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        cls.article = ArticleFactory(
            title="Satellite diplomacy",
            standfirst="Two agencies plan a launch.",
            intro="The minister spoke about orbits.",
            themes=[cls.space],
        )
        cls.pair = QAPairFactory(
            article=cls.article,
            position=1,
            prompt="What about the lunar programme?",
            answer="A satellite launches in 2027.\n\nThe agencies signed a memorandum on exports.",
            themes=[cls.space, cls.trade],
        )
        cls.fact = FactFactory(
            pair=cls.pair,
            statement="A satellite launches in 2027.",
            quote="A satellite launches in 2027",
            value=None,
            unit="",
            themes=[cls.space],
        )
        for trait in ["draft", "scheduled"]:
            hidden = ArticleFactory(title=f"Hidden {trait} satellite", **{trait: True})
            pair = QAPairFactory(article=hidden, prompt=f"Hidden {trait} satellite?", answer="A satellite.")
            FactFactory(pair=pair, statement=f"Hidden {trait} satellite.", quote="A satellite")

    def test_empty_query_shows_the_form_and_a_hint(self):
        response = self.search()
        self.assertEqual(h1_count(response), 1)
        self.assertContains(response, '<form class="search-form" method="get"')
        self.assertContains(response, '<label for="search-q">')
        self.assertContains(response, 'name="q"')
        self.assertContains(response, "Type a few words above")
        self.assertEqual(response.context["groups"], [])

    def test_finds_each_type_of_content_linked_to_its_place(self):
        self.assertEqual(
            self.found(q="satellite"),
            {
                "Articles": [self.article.get_absolute_url()],
                "Q&A pairs": [self.pair.get_absolute_url()],
                "Facts": [self.fact.get_absolute_url()],
            },
        )
        self.assertEqual(self.found(q="orbits")["Articles"], [self.article.get_absolute_url()])
        self.assertEqual(self.found(q="lunar")["Q&A pairs"], [f"{self.article.get_absolute_url()}#{self.pair.anchor}"])
        response = self.search(q="memorandum exports")
        self.assertContains(response, f'href="{self.pair.get_absolute_url()}"')
        self.assertContains(response, "Q&amp;A pairs <span")
        self.assertContains(response, "1 result for")

    def test_every_word_must_match(self):
        self.assertEqual(self.found(q="lunar satellite")["Q&A pairs"], [self.pair.get_absolute_url()])
        self.assertEqual(self.found(q="orbits memorandum"), {"Articles": [], "Q&A pairs": [], "Facts": []})

    def test_matching_words_are_marked_in_the_heading_and_excerpt(self):
        response = self.search(q="Satellite")
        self.assertContains(response, "<mark>Satellite</mark> diplomacy")
        self.assertContains(response, "A <mark>satellite</mark> launches in 2027. The agencies signed")

    def test_drafts_and_scheduled_content_never_appear(self):
        response = self.search(q="hidden satellite")
        self.assertNotContains(response, "Hidden")
        self.assertEqual(response.context["total"], 0)
        self.assertNotContains(self.search(q="satellite"), "Hidden")

    def test_themes_narrow_results_and_combine_with_and(self):
        article, pair, fact = (obj.get_absolute_url() for obj in [self.article, self.pair, self.fact])
        self.assertEqual(
            self.found(q="satellite", theme="space"), {"Articles": [article], "Q&A pairs": [pair], "Facts": [fact]}
        )
        self.assertEqual(
            self.found(q="satellite", theme=["space", "trade"]), {"Articles": [], "Q&A pairs": [pair], "Facts": []}
        )

    def test_active_theme_is_removable_in_one_click_keeping_the_words(self):
        response = self.search(q="satellite", theme=["space", "trade"])
        self.assertContains(response, 'href="?q=satellite&amp;theme=trade"')
        self.assertContains(response, 'href="?q=satellite&amp;theme=space"')
        self.assertContains(response, 'name="theme" value="space" id="theme-space" checked')

    def test_unknown_theme_is_ignored_with_a_notice(self):
        response = self.search(q="satellite", theme=["nope", "trade", "bad slug!"])
        # Regression: two unknown themes were announced in the singular, "No theme is called nope, bad slug!".
        self.assertContains(response, "No themes are called nope, bad slug!; ignored.")
        self.assertEqual([theme.slug for theme in response.context["selected_themes"]], ["trade"])
        self.assertEqual(self.found(q="satellite", theme="")["Facts"], [self.fact.get_absolute_url()])

    def test_long_query_is_cut_with_a_notice(self):
        response = self.search(q="satellite " * 50)
        self.assertContains(response, "Searches are limited to 200 characters")
        self.assertLessEqual(len(response.context["query"]), 200)
        self.assertEqual(len(response.context["groups"][2]["results"]), 1)

    def test_a_long_query_is_cut_between_words(self):
        """Regression: cut at 200 characters mid-word, "satellite" became "satel", a word no text holds."""
        response = self.search(q="orbit " * 32 + "satellite")
        self.assertEqual(response.context["query"], " ".join(["orbit"] * 32))
        response = self.search(q="satellite " * 19 + "cooperation")
        self.assertEqual(response.context["query"], " ".join(["satellite"] * 19))
        self.assertEqual(len(response.context["groups"][2]["results"]), 1)

    def test_punctuation_alone_searches_nothing_with_a_notice(self):
        response = self.search(q="&|!:*()")
        self.assertContains(response, "punctuation alone matches nothing")
        self.assertEqual(response.context["groups"], [])

    def test_odd_queries_never_cause_a_server_error(self):
        """Regression: PostgreSQL refuses NUL in text, and raw tsquery syntax errors on `&|!:*()`."""
        queries = [
            "\x00",
            "satellite\x00launch",
            "x" * 5000,
            "the of and",
            '"',
            "'",
            '"satellite',
            "satellite & | ! : * ( )",
            "satellite:*",
            "!satellite",
            "-satellite",
            "satellite or",
            "or",
            "(((",
            "satellite <-> launch",
            "\\",
            "%_%",
            "שלום עולם",
            "قمر صناعي",
            "\u202e<script>",
            "한국 멕시코",
            "😀",
            "\t\n\r",
        ]
        for query in queries:
            for theme in ["", "space", "\x00"]:
                response = self.client.get(SEARCH, {"q": query, "theme": theme})
                self.assertEqual(response.status_code, 200, repr(query))
                self.assertEqual(h1_count(response), 1, repr(query))


class SearchRankingTests(SearchTestCase):
    @classmethod
    def setUpTestData(cls):
        # Each body-only match is created last, so it is the newest: only ranking puts it second.
        cls.heading = ArticleFactory(title="Nearshoring plans", standfirst="Plans.", intro="More plans.")
        cls.body = ArticleFactory(
            title="Plans", standfirst="Nearshoring, nearshoring and nearshoring.", intro="Nearshoring again."
        )
        cls.pair_heading = QAPairFactory(prompt="Why nearshoring?", answer="Because.")
        cls.pair_body = QAPairFactory(prompt="What next?", answer="Nearshoring. Nearshoring. Nearshoring.")
        cls.fact_heading = FactFactory(statement="Nearshoring grows.", quote="grows")
        cls.fact_body = FactFactory(statement="Plans grow.", quote="Nearshoring nearshoring")

    def test_heading_match_ranks_above_body_only_match(self):
        self.assertEqual(
            self.found(q="nearshoring"),
            {
                "Articles": [self.heading.get_absolute_url(), self.body.get_absolute_url()],
                "Q&A pairs": [self.pair_heading.get_absolute_url(), self.pair_body.get_absolute_url()],
                "Facts": [self.fact_heading.get_absolute_url(), self.fact_body.get_absolute_url()],
            },
        )


class SearchNewestFirstTests(SearchTestCase):
    def test_equal_ranks_go_newest_first_to_the_microsecond(self):
        """
        Times are compared as the databases write them: one on a whole second, the next half a
        second later, then older articles created after them.
        """
        second = timezone.now().replace(microsecond=0) - timedelta(hours=1)
        times = [
            second,
            second + timedelta(microseconds=500000),
            second - timedelta(days=400),
            second - timedelta(seconds=1),
        ]
        articles = [
            ArticleFactory(title=f"Lithium plans {number}", published_at=time) for number, time in enumerate(times)
        ]
        newest_first = [articles[index].get_absolute_url() for index in (1, 0, 3, 2)]
        self.assertEqual(self.found(q="lithium")["Articles"], newest_first)


class SearchEscapingTests(SearchTestCase):
    """Editor text and the query are escaped; only the page's own <mark> tags are markup."""

    HOSTILE = '"><img src=x onerror=alert(1)><script>alert("x")</script>'

    @classmethod
    def setUpTestData(cls):
        article = ArticleFactory(title=f"{cls.HOSTILE} orbit", standfirst=f"Orbit {cls.HOSTILE}", intro="")
        pair = QAPairFactory(article=article, prompt=f"{cls.HOSTILE} orbit?", answer=f"Said {cls.HOSTILE} orbit.")
        FactFactory(pair=pair, statement=f"{cls.HOSTILE} orbit.", quote=f"{cls.HOSTILE} orbit", value=None, unit="")

    def assertSafe(self, response):
        content = response.content.decode()
        self.assertNotIn("<script>", content)
        self.assertNotIn("<img", content)
        self.assertNotIn("onerror=alert(1)>", content)

    def test_editor_text_is_escaped_around_the_marks(self):
        response = self.search(q="orbit")
        self.assertSafe(response)
        self.assertContains(response, "&lt;script&gt;")
        self.assertContains(response, "<mark>orbit</mark>", count=5)
        self.assertContains(response, "<mark>Orbit</mark>")

    def test_marks_inside_hostile_text_stay_escaped(self):
        response = self.search(q="alert orbit")
        self.assertSafe(response)
        self.assertContains(response, "&lt;script&gt;<mark>alert</mark>(&quot;x&quot;)&lt;/script&gt;")
        self.assertContains(response, "&lt;img src=x onerror=<mark>alert</mark>(1)&gt;")

    def test_hostile_query_is_escaped(self):
        response = self.search(q=self.HOSTILE, theme=self.HOSTILE)
        self.assertSafe(response)
        self.assertContains(response, 'value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;')
        self.assertContains(response, "No theme is called &quot;&gt;&lt;img")


class SearchIndexTests(TestCase):
    """
    On PostgreSQL each search entry stores its weighted vector in an indexed column (migration
    0017): a search that rebuilt the vectors from the text instead took 482 ms at 2,000 articles.
    """

    INDEX = "searchentry_document_gin"
    TABLE = SearchEntry._meta.db_table

    def columns_and_indexes(self):
        with connection.cursor() as cursor:
            columns = [column.name for column in connection.introspection.get_table_description(cursor, self.TABLE)]
            return columns, set(connection.introspection.get_constraints(cursor, self.TABLE))

    def test_gin_index_exists_and_serves_searches_on_postgresql_only(self):
        """SQLite has no GIN index: there the migration must leave the table without the column."""
        columns, indexes = self.columns_and_indexes()
        if connection.vendor != "postgresql":
            self.assertNotIn(DOCUMENT_COLUMN, columns)
            self.assertNotIn(self.INDEX, indexes)
            return
        self.assertIn(DOCUMENT_COLUMN, columns)
        self.assertIn(self.INDEX, indexes)
        person = PersonFactory()
        articles = Article.objects.bulk_create(
            Article(
                title=f"Interview {n}",
                slug=f"interview-{n}",
                intro=f"Trade grew by {n} percent.",
                interviewee=person,
                status=Article.Status.PUBLISHED,
                published_at=timezone.now(),
            )
            for n in range(2000)
        )
        pairs = QAPair.objects.bulk_create(
            QAPair(article=article, position=1, anchor="trade", prompt="Trade?", answer=f"It grew {article.pk}.")
            for article in articles
        )
        Fact.objects.bulk_create(
            Fact(article=pair.article, pair=pair, statement="Grew.", quote="grew") for pair in pairs
        )
        index_articles(Article.objects.filter(pk__in=[article.pk for article in articles]))
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE articles_article, {self.TABLE}")
            # Reading the stored vectors is cheap, so PostgreSQL may rather read this small table
            # whole, in order or through another index (the plan then depends on statistics of the
            # moment); without those choices, it shows whether the index serves the search's condition.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        for found in matching("satellite", []):
            plan = found.explain()
            self.assertIn(f"Bitmap Index Scan on {self.INDEX}", plan)
            self.assertNotIn("to_tsvector", plan)

    @skipUnless(connection.vendor == "sqlite", "SQLite's full-text index; PostgreSQL's is tested above")
    def test_sqlite_finds_the_entries_holding_the_words_in_its_full_text_index(self):
        """Regression: SQLite read the entries of every published article, by LIKE, until it had found enough."""
        build_content(3)
        for result_type, found in zip(RESULT_TYPES, matching("satellite", []), strict=True):
            with self.subTest(result_type.kind):
                plan = found.explain().splitlines()
                self.assertIn("SCAN articles_searchentry_words VIRTUAL TABLE", plan[0])
                self.assertIn("SEARCH articles_searchentry USING INTEGER PRIMARY KEY", plan[1])

    @skipUnless(connection.vendor == "sqlite", "SQLite's full-text index; PostgreSQL's is tested above")
    def test_sqlite_full_text_index_holds_each_entry_once(self):
        """Entries added, replaced and deleted, by saves and in bulk, leave the full-text index holding the entries."""
        build_content(3)
        fact = Fact.objects.order_by("pk").first()
        fact.statement = "Satellite launches doubled."
        fact.save()
        Fact.objects.order_by("pk").last().delete()
        index_articles(Article.objects.filter(pk=fact.article_id))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {WORDS_TABLE} WHERE {WORDS_TABLE} MATCH %s ORDER BY rowid",
                ['kind:"article" OR kind:"pair" OR kind:"fact"'],
            )
            indexed = [key for (key,) in cursor.fetchall()]
        self.assertEqual(indexed, list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True)))
        self.assertEqual(list(matching("doubled", [])[2].values_list("fact_id", flat=True)), [fact.pk])

    def test_each_entry_stores_its_headings_terms_weighted_a_and_its_bodys_b_on_postgresql_only(self):
        article = ArticleFactory(title="Satellite plans", standfirst="Launches ahead.", intro="Two launches.")
        if connection.vendor != "postgresql":
            return
        built = SearchVector("heading_terms", weight="A", config="simple") + SearchVector(
            "body_terms", weight="B", config="simple"
        )
        [(stored, expected)] = SearchEntry.objects.filter(article=article).values_list(entry_document(), built)
        self.assertEqual(stored, expected)
        self.assertEqual(stored, "'ahead':4B 'launch':3B,6B 'plan':2A 'satellit':1A 'two':5B")


def build_content(articles):
    """Create `articles` published articles on satellites, each with 2 pairs of 1 fact, themed."""
    themes = [ThemeFactory(name=f"Theme {n}", slug=f"theme-{n}") for n in range(2)]
    for _ in range(articles):
        article = ArticleFactory(standfirst="Plans for a satellite.", themes=themes)
        for position in range(1, 3):
            pair = QAPairFactory(article=article, position=position, answer="A satellite launches.", themes=themes)
            FactFactory(pair=pair, statement="A satellite launches.", quote="launches", themes=themes)


# The queries of rendering; a page served from the page cache runs none (tests/test_cache.py).
@override_settings(PAGE_CACHE=False)
class SearchQueryCountTests(TestCase):
    """The search page's query count is fixed: it does not grow with the amount of content."""

    URL = f"{SEARCH}?q=satellite&theme=theme-0"
    # Theme choices (from the facet index, or counted while it is built) and selected themes; per type
    # its candidates and their themes; the results of all types.
    QUERIES = 9

    def test_query_count_is_pinned_and_does_not_grow_with_content(self):
        build_content(2)
        for way, ready in FACET_MODES.items():
            ready()
            with self.subTest(way), self.assertNumQueries(self.QUERIES):
                self.client.get(self.URL)
        build_content(23)
        for way, ready in FACET_MODES.items():
            ready()
            with self.subTest(way), self.assertNumQueries(self.QUERIES):
                response = self.client.get(self.URL)
        shown = {group["label"]: (group["count"], len(group["results"])) for group in response.context["groups"]}
        self.assertEqual(shown, {"Articles": (25, 20), "Q&A pairs": (50, 20), "Facts": (50, 20)})
        self.assertContains(response, "The 20 best of 50")
