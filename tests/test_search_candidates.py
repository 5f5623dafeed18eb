"""
The search's bound (docs/search.md): it ranks and counts at most SEARCH_CANDIDATES matching
entries of each type, in the database, and past the bound says "more than" in every language.
"""

import re
from unittest import mock

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from .support.factories import ArticleFactory, ThemeFactory
from .support.search import KOREAN, SPANISH, SearchLanguagesTestCase, interview, search_url, translate

# SEARCH_CANDIDATES in these tests: fewer than the matches, so that the bound is reached.
BOUND = 5


@override_settings(PAGE_CACHE=False)
@mock.patch("articles.views.search.SEARCH_CANDIDATES", BOUND)
class SearchCandidatesTests(SearchLanguagesTestCase):
    @classmethod
    def setUpTestData(cls):
        theme = ThemeFactory(name="Trade", slug="trade")
        for _ in range(BOUND + 2):
            original = interview(themes=[theme])
            translate(original, "es", SPANISH)
            translate(original, "ko", KOREAN)
        for number in range(BOUND):
            ArticleFactory(title=f"Lithium deposits {number}")
        for trait in ["draft", "scheduled"]:
            for number in range(2):
                ArticleFactory(title=f"Hidden lithium {trait} {number}", **{trait: True})

    def test_past_the_bound_each_language_says_more_than_it_and_shows_the_best_of_the_candidates(self):
        summaries = {
            # The summary counts every type's candidates: it said "more than 5" of 3 types of more than 5 each.
            "en": ("cooperation", "More than 15 results for “<bdi>cooperation</bdi>”", "(more than 5)"),
            "es": ("cooperaciones", "Más de 15 resultados para “<bdi>cooperaciones</bdi>”", "(más de 5)"),
            "ko": ("협력", "“<bdi>협력</bdi>” 검색 결과 15건 초과", "(5건 초과)"),
        }
        for language, (query, summary, count) in summaries.items():
            with self.subTest(language):
                response = self.search(language, query)
                self.assertContains(response, summary)
                self.assertContains(response, count, count=3)
                groups = response.context["groups"]
                self.assertEqual([(group["count"], group["more"]) for group in groups], [(BOUND, True)] * 3)
                self.assertEqual([len(group["results"]) for group in groups], [BOUND] * 3)
                self.assertEqual({result.language for group in groups for result in group["results"]}, {language})

    def test_the_theme_filter_says_more_than_the_bound_too(self):
        response = self.search("es", "cooperaciones", theme="trade")
        self.assertContains(response, "Más de 15 resultados para “<bdi>cooperaciones</bdi>” sobre")

    def test_matches_up_to_the_bound_are_counted_exactly_and_unpublished_ones_never(self):
        response = self.search("en", "lithium")
        self.assertContains(response, "5 results for “<bdi>lithium</bdi>”")
        self.assertNotContains(response, "More than")
        self.assertNotContains(response, "Hidden")
        self.assertEqual([(group["count"], group["more"]) for group in response.context["groups"][:1]], [(5, False)])

    def test_the_database_stops_at_the_bound(self):
        """Regression: the page ranked and counted every match, which took seconds for a common word."""
        with CaptureQueriesContext(connection) as queries:
            self.search("en", "cooperation")
        statements = [query["sql"] for query in queries if "searchentry" in query["sql"]]
        candidates = [sql for sql in statements if sql.endswith(f"LIMIT {BOUND + 1}")]
        self.assertEqual(len(candidates), 3, statements)
        # The rest read the results by key: none looks for the words again.
        searched = [sql for sql in statements if sql not in candidates and re.search("LIKE|@@", sql)]
        self.assertEqual(searched, [])

    def test_each_candidate_query_matches_each_group_of_languages_once(self):
        """
        Regression: on PostgreSQL a word every language reads alike was matched twice, once in any
        language and once in its own, so the planner expected a tenth of the matches and joined
        them to every article, a cost that grew with the corpus.
        """
        match = {"postgresql": "@@", "sqlite": " MATCH "}[connection.vendor]
        for query, groups in [("FTA", 1), ("investments", 2)]:
            with self.subTest(query), CaptureQueriesContext(connection) as queries:
                self.search("en", query)
            candidates = [query["sql"] for query in queries if query["sql"].endswith(f"LIMIT {BOUND + 1}")]
            self.assertEqual(len(candidates), 3)
            expected = groups if connection.vendor == "postgresql" else 1
            self.assertEqual([sql.count(match) for sql in candidates], [expected] * 3, candidates)

    def test_the_page_has_no_pages_past_the_candidates(self):
        """The page shows the best of each type's candidates; a `?page=` is dropped from its address."""
        response = self.client.get(search_url("en"), {"q": "cooperation", "page": 2})
        self.assertRedirects(
            response, f"{search_url('en')}?q=cooperation", status_code=301, fetch_redirect_response=False
        )


class TextIndexTests(TestCase):
    def test_the_text_index_holds_the_kind_on_postgresql(self):
        """Regression: a word common in pairs and facts was looked for in all of them to find articles."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'searchentry_document_gin'")
            self.assertIn("USING gin (kind, document)", cursor.fetchone()[0])

    def test_the_published_articles_have_a_covering_index_on_postgresql(self):
        """Regression: a search joined its candidates to the public articles by reading every article's row."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_published_covering'")
            definition = cursor.fetchone()[0]
        self.assertIn("(published_at) INCLUDE (id, translation_of_id) WHERE ((status)::text = 'published'", definition)
