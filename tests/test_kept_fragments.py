"""Fragments of pages (cards, sections) kept in the worker for the content version they were drawn at (kept.py)."""

import xml.etree.ElementTree as ET
from collections import Counter
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.template import TemplateSyntaxError, engines
from django.test import Client, SimpleTestCase, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import queries
from articles.kept import KEPT_FRAGMENTS
from articles.lru import LRU
from articles.models import Fact
from articles.templatetags import cards
from articles.versions import current_version
from articles.views import search

from .support.factories import ArticleFactory, FactFactory, QAPairFactory, ThemeFactory, UserFactory
from .support.pages import SITEMAP

FACT_LIST = "/facts/?theme=trade"


def kept_kinds():
    """Return how many fragments are kept of each kind: cards of facts and articles, and {% keep %} fragments."""
    return Counter(key[1] for key in KEPT_FRAGMENTS.entries)


def kept_names():
    """Return the names of the {% keep %} fragments kept, each as often as it is kept."""
    return Counter(key[2] for key in KEPT_FRAGMENTS.entries if key[1] == "fragment")


def drawing(name):
    """Count the calls of the card tags' drawing function `name`, which still draws."""
    return mock.patch.object(cards, name, wraps=getattr(cards, name))


@override_settings(PAGE_CACHE=False)
class KeptTestCase(TestCase):
    """With the page cache off, so that every request renders its page, and nothing kept at the start."""

    def setUp(self):
        KEPT_FRAGMENTS.entries.clear()
        KEPT_FRAGMENTS.size = 0
        # With the page cache off, the version is made by the first page that reads the facet index.
        current_version()


class KeptCardTests(KeptTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        cls.article = ArticleFactory(title="Trade talks", slug="trade-talks", themes=[cls.trade])
        pair = QAPairFactory(article=cls.article, answer="Trade reached $19.8 billion in 2023.")
        cls.facts = [
            FactFactory(pair=pair, statement=f"Trade set record {number}.", quote="$19.8 billion", themes=[cls.trade])
            for number in range(3)
        ]
        cls.editor = UserFactory(username="editor", editor=True)

    def test_a_card_is_drawn_once_for_every_page_that_lists_it_until_content_changes(self):
        with drawing("draw_fact_card") as draw:
            self.client.get(FACT_LIST)
            self.assertEqual(draw.call_count, 3)
            first = self.client.get(FACT_LIST).content
            self.client.get("/themes/trade/")
            self.client.get(f"{FACT_LIST}&from=2000")
            self.assertEqual(draw.call_count, 3)
            fact = Fact.objects.get(pk=self.facts[0].pk)
            fact.statement = "Trade set a new record."
            fact.save()
            response = self.client.get(FACT_LIST)
        self.assertEqual(draw.call_count, 6)
        self.assertContains(response, "Trade set a new record.")
        self.assertNotContains(response, "Trade set record 0.")
        self.assertIn(b"Trade set record 0.", first)

    def test_each_language_and_each_kind_of_card_is_kept_apart(self):
        with drawing("draw_fact_card") as facts, drawing("draw_article_card") as articles:
            for prefix in ["", "/es", "/ko"]:
                self.client.get(f"{prefix}{FACT_LIST}")
                self.client.get(f"{prefix}/articles/trade-talks/")
                self.client.get(f"{prefix}/articles/")
        # The list's cards show their source; the article page's the same facts without it.
        self.assertEqual((facts.call_count, articles.call_count), (18, 3))
        self.assertEqual(kept_kinds(), {"fact": 18, "article": 3, "fragment": 33})
        # In each language: the article page's body, JSON-LD, canonical address, alternates, tags
        # and header (its language links), the facts list's cards and figures, and the navigation
        # of each of the three views.
        expected = {
            "article": 3,
            "article-json-ld": 3,
            "article-canonical": 3,
            "article-alternates": 3,
            "article-tags": 3,
            "article-header": 3,
            "fact-list-cards": 3,
            "figures": 3,
        }
        self.assertEqual(kept_names(), {**expected, "navigation": 9})

    def test_an_editors_pages_neither_use_nor_keep_cards(self):
        self.client.get(FACT_LIST)
        kept = dict(KEPT_FRAGMENTS.entries)
        self.client.force_login(self.editor)
        with drawing("draw_fact_card") as draw:
            response = self.client.get(FACT_LIST)
        self.assertEqual(draw.call_count, 3)
        self.assertContains(response, reverse("admin:articles_fact_change", args=[self.facts[0].pk]))
        self.assertEqual(dict(KEPT_FRAGMENTS.entries), kept)
        self.assertNotContains(Client().get(FACT_LIST), "Edit this fact")

    def test_a_preview_keeps_no_card(self):
        self.client.force_login(self.editor)
        self.client.get(reverse("articles:article-preview", args=[self.article.slug]))
        self.assertEqual(len(KEPT_FRAGMENTS.entries), 0)


class KeptSectionTests(KeptTestCase):
    """{% keep %}: sections of pages kept for the content version, never read while they are kept."""

    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        cls.article = ArticleFactory(title="Trade talks", slug="trade-talks", themes=[cls.trade])
        pair = QAPairFactory(article=cls.article, answer="Trade reached $19.8 billion in 2023.", themes=[cls.trade])
        FactFactory(pair=pair, statement="Trade set a record.", quote="$19.8 billion", themes=[cls.trade])
        cls.editor = UserFactory(username="editor", editor=True)

    def queries(self, url, **headers):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, headers=headers)
        self.assertEqual(response.status_code, 200, url)
        return response.content, len(queries)

    def test_the_home_page_kept_reads_nothing_and_reads_the_same(self):
        drawn, drawing_queries = self.queries("/")
        kept, kept_queries = self.queries("/")
        self.assertEqual(kept, drawn)
        self.assertGreater(drawing_queries, 0)
        self.assertEqual(kept_queries, 0)
        self.assertEqual(kept_names(), {"home": 1, "navigation": 1})

    def test_every_filter_of_a_theme_page_shares_its_questions_articles_and_related_themes(self):
        _, first = self.queries("/themes/trade/")
        _, filtered = self.queries("/themes/trade/?from=2000")
        self.assertEqual(kept_names()["theme-lists"], 1)
        # The pairs, the articles and the related themes, each a query, are read once.
        self.assertLessEqual(filtered, first - 3)

    def test_an_article_page_kept_reads_the_article_alone(self):
        drawn, _ = self.queries("/articles/trade-talks/")
        kept, kept_queries = self.queries("/articles/trade-talks/")
        self.assertEqual(kept, drawn)
        self.assertIn(b'<meta property="article:tag" content="Trade">', kept)
        self.assertEqual(kept_queries, 1)

    def test_a_theme_page_kept_builds_no_query_of_its_lists(self):
        self.client.get("/themes/trade/")
        with (
            mock.patch.object(queries, "theme_pairs", wraps=queries.theme_pairs) as pairs,
            mock.patch.object(queries, "theme_articles", wraps=queries.theme_articles) as articles,
        ):
            self.client.get("/themes/trade/?from=2000")
        self.assertEqual((pairs.call_count, articles.call_count), (0, 0))

    def test_an_article_page_keeps_its_sections_for_each_address_of_the_site(self):
        here, _ = self.queries("/articles/trade-talks/")
        there, _ = self.queries("/articles/trade-talks/", host="localhost")
        self.assertIn(b"http://testserver/articles/trade-talks/#", here)
        self.assertIn(b"http://localhost/articles/trade-talks/#", there)
        self.assertNotIn(b"http://testserver/", there)
        self.assertEqual(
            kept_names(),
            {
                "article": 2,
                "article-json-ld": 2,
                "article-canonical": 2,
                "article-alternates": 2,
                "article-tags": 1,
                "article-header": 1,
                "navigation": 1,
            },
        )

    def test_an_editors_pages_neither_use_nor_keep_sections(self):
        self.client.get("/articles/trade-talks/")
        kept = dict(KEPT_FRAGMENTS.entries)
        self.client.force_login(self.editor)
        _, queries = self.queries("/")
        response = self.client.get("/articles/trade-talks/")
        self.assertGreater(queries, 0)
        self.assertContains(response, reverse("admin:articles_article_change", args=[self.article.pk]))
        self.assertEqual(dict(KEPT_FRAGMENTS.entries), kept)
        self.assertNotContains(Client().get("/articles/trade-talks/"), "Edit this article")

    def test_a_page_of_facts_kept_reads_no_fact_and_other_filters_showing_them_share_it(self):
        drawn, _ = self.queries(FACT_LIST)
        with CaptureQueriesContext(connection) as queries:
            kept = self.client.get(FACT_LIST).content
        self.assertEqual(kept, drawn)
        self.assertFalse([query for query in queries if 'FROM "articles_fact"' in query["sql"]])
        # Every fact is on trade: the unfiltered list shows the same page of facts.
        self.client.get("/facts/")
        self.assertEqual(kept_names(), {"fact-list-cards": 1, "figures": 1, "navigation": 1})

    def test_a_search_kept_reads_neither_its_theme_choices_nor_its_results_themes_until_content_changes(self):
        # The first request builds the content version and the facet index.
        self.client.get("/search/?q=trade")
        KEPT_FRAGMENTS.entries.clear()
        drawn, drawing_queries = self.queries("/search/?q=trade")
        with mock.patch.object(search, "themes_in_use", wraps=search.themes_in_use) as choices:
            kept, kept_queries = self.queries("/search/?q=trade")
        self.assertEqual(kept, drawn)
        self.assertEqual(choices.call_count, 0)
        # Drawn: the theme choices, each type's candidates and their themes, the results. Kept: the
        # candidates and the results; another search finding the same fact keeps its themes too.
        self.assertEqual((drawing_queries, kept_queries), (8, 4))
        self.assertEqual(self.queries("/search/?q=record")[1], 4)
        self.assertEqual(kept_kinds()["theme-tags"], 3)
        self.assertEqual(kept_names(), {"search-theme-choice": 1, "navigation": 1})
        Fact.objects.get().themes.add(ThemeFactory(name="Energy", slug="energy"))
        response = self.client.get("/search/?q=record")
        self.assertContains(response, '<li><a href="/themes/energy/">Energy</a></li>')
        self.assertContains(response, '<option value="energy">Energy</option>')

    def test_a_value_that_does_not_resolve_keeps_nothing(self):
        page = engines["django"].from_string('{% load fragments %}{% keep "test" page.ids %}drawn{% endkeep %}')
        request = self.client.get("/").wsgi_request
        KEPT_FRAGMENTS.entries.clear()
        self.assertEqual(page.render({"page": [1, 2]}, request), "drawn")
        self.assertEqual(len(KEPT_FRAGMENTS.entries), 0)
        self.assertEqual(page.render({"page": {"ids": (1, 2)}}, request), "drawn")
        self.assertEqual(kept_names(), {"test": 1})

    def test_a_fragment_is_named_in_quotes(self):
        for source in ["{% keep %}{% endkeep %}", "{% keep home %}{% endkeep %}", "{% keep 'home\" %}{% endkeep %}"]:
            with self.subTest(source=source), self.assertRaises(TemplateSyntaxError):
                engines["django"].from_string("{% load fragments %}" + source)


@override_settings(PAGE_CACHE=False)
class KeptPagesTests(TestCase):
    """Every public page of the seed, in each language, reads the same with its cards kept as drawn."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", stdout=StringIO())

    def test_every_page_is_the_same_with_the_cards_other_pages_kept(self):
        index = self.client.get(reverse("sitemap"))
        sections = [self.client.get(loc.text) for loc in ET.fromstring(index.content).iter(f"{SITEMAP}loc")]
        urls = [loc.text for section in sections for loc in ET.fromstring(section.content).iter(f"{SITEMAP}loc")]
        self.assertGreater(len(urls), 30)
        drawn = {}
        for url in urls:
            KEPT_FRAGMENTS.entries.clear()
            drawn[url] = self.client.get(url).content
        # Each page after all the others, then before them: every card another page kept.
        for url in [*urls, *reversed(urls)]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).content, drawn[url])
        self.assertGreater(len(KEPT_FRAGMENTS.entries), 20)


class LRUTests(SimpleTestCase):
    def test_values_keep_within_their_limit_dropping_the_least_recently_used(self):
        kept = LRU(limit=10)
        for key, value in [("a", "1234"), ("b", "5678"), ("c", "90")]:
            kept.put(key, value)
        kept.get("a")
        kept.put("d", "xyz")
        self.assertEqual((list(kept.entries), kept.size), (["c", "a", "d"], 9))
        kept.put("e", "x" * 11)
        self.assertIsNone(kept.get("e"))

    def test_a_value_put_again_is_weighed_once(self):
        kept = LRU(limit=10, weigh=lambda value: len(value) * 2)
        kept.put("a", "12")
        kept.put("a", "123")
        self.assertEqual((list(kept.entries), kept.size), (["a"], 6))
