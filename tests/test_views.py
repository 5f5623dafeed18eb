import re
from unittest import mock

from django.db import DatabaseError, connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Fact

from .support.facets import queries_both_ways
from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, ThemeFactory

ARTICLE = "articles:article-detail"
THEME = "articles:theme-detail"


def h1_count(response):
    return len(re.findall(r"<h1[\s>]", response.content.decode()))


class PublicPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        cls.space = ThemeFactory(name="Space", slug="space")
        cls.article = ArticleFactory(title="Trade talks", themes=[cls.trade])
        cls.pair = QAPairFactory(
            article=cls.article,
            position=1,
            prompt="What about trade?",
            answer="Trade reached $19.8 billion in 2023.\n\nThe satellite launches in 2027.",
            themes=[cls.trade],
        )
        cls.trade_fact = FactFactory(
            pair=cls.pair,
            statement="Trade reached $19.8 billion in 2023.",
            quote="$19.8 billion in 2023",
            value=19800000000,
            unit="USD",
            themes=[cls.trade],
            is_key_figure=True,
        )
        cls.space_fact = FactFactory(
            pair=cls.pair,
            statement="A satellite launches in 2027.",
            quote="The satellite launches in 2027",
            value=None,
            unit="",
            themes=[cls.space, cls.trade],
        )

    def test_argument_free_pages_answer_200_with_one_h1(self):
        for name in ["articles:home", "articles:article-list", "articles:theme-list", "articles:fact-list"]:
            response = self.client.get(reverse(name))
            self.assertEqual(response.status_code, 200, name)
            self.assertEqual(h1_count(response), 1, name)

    def test_detail_pages_answer_200_with_one_h1(self):
        for url in [self.article.get_absolute_url(), self.trade.get_absolute_url()]:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertEqual(h1_count(response), 1, url)

    def test_unknown_slugs_are_404(self):
        self.assertEqual(self.client.get(reverse(ARTICLE, args=["no-such-article"])).status_code, 404)
        self.assertEqual(self.client.get(reverse(THEME, args=["no-such-theme"])).status_code, 404)

    def test_article_page_shows_pairs_themes_facts_and_highlighted_quotes(self):
        response = self.client.get(self.article.get_absolute_url())
        self.assertContains(response, f'id="{self.pair.anchor}"')
        self.assertContains(response, "What about trade?")
        self.assertContains(response, "<mark>$19.8 billion in 2023</mark>", html=False)
        self.assertContains(response, "<mark>The satellite launches in 2027</mark>", html=False)
        self.assertContains(response, "$19.8 billion")
        self.assertContains(response, 'href="/themes/space/"')
        self.assertContains(response, "A satellite launches in 2027.")

    def test_a_prompt_quote_is_highlighted_in_the_prompt_and_credited_to_the_interviewer(self):
        article = ArticleFactory(interviewer=PersonFactory(name="Ana Reportera"))
        pair = QAPairFactory(article=article, prompt="Trade fell in 2019. What changed?", answer="It fell in 2019 too.")
        FactFactory(
            pair=pair, statement="Trade fell in 2019.", quote="fell in 2019", in_prompt=True, value=None, unit=""
        )
        response = self.client.get(article.get_absolute_url())
        self.assertContains(response, "Trade <mark>fell in 2019</mark>. What changed?", html=False)
        self.assertContains(response, "<p>It fell in 2019 too.</p>", html=False)
        self.assertContains(response, "Interview by <bdi>Ana Reportera</bdi>.", html=False)

    def test_home_shows_key_figures_latest_articles_and_theme_counts(self):
        response = self.client.get(reverse("articles:home"))
        self.assertContains(response, "$19.8 billion")
        self.assertContains(response, "Trade talks")
        self.assertContains(
            response, '<a href="/themes/trade/">Trade</a> <span class="count">2 facts</span>', html=True
        )

    def test_theme_list_counts_published_articles_pairs_and_facts(self):
        response = self.client.get(reverse("articles:theme-list"))
        self.assertContains(response, "1 article · 1 Q&amp;A pair · 2 facts")
        self.assertContains(response, "0 articles · 0 Q&amp;A pairs · 1 fact")

    def test_theme_page_lists_its_facts_pairs_articles_and_related_themes(self):
        response = self.client.get(self.space.get_absolute_url())
        self.assertEqual(list(response.context["facts"]), [self.space_fact])
        self.assertEqual(list(response.context["pairs"]), [])
        self.assertEqual([theme.slug for theme in response.context["related"]], ["trade"])
        trade = self.client.get(self.trade.get_absolute_url())
        self.assertEqual(set(trade.context["facts"]), {self.trade_fact, self.space_fact})
        self.assertEqual(list(trade.context["pairs"]), [self.pair])
        self.assertEqual(list(trade.context["articles"]), [self.article])
        self.assertContains(trade, "Trade talks")

    def test_editor_text_is_escaped_everywhere(self):
        hostile = '<script>alert("x")</script>'
        article = ArticleFactory(title=hostile, standfirst=hostile, intro=f"Intro {hostile}")
        pair = QAPairFactory(article=article, prompt=hostile, answer=f"Said {hostile} today.", themes=[self.trade])
        FactFactory(pair=pair, statement=hostile, quote=hostile, value=None, unit="", themes=[self.trade])
        for url in [
            reverse("articles:home"),
            reverse("articles:article-list"),
            article.get_absolute_url(),
            self.trade.get_absolute_url(),
            reverse("articles:fact-list"),
        ]:
            content = self.client.get(url).content.decode()
            self.assertNotIn("<script>", content, url)
            self.assertIn("&lt;script&gt;", content, url)

    def test_health_endpoint_reports_database_and_cache(self):
        response = self.client.get(reverse("articles:healthz"))
        self.assertEqual(response.json(), {"database": "ok", "cache": "ok"})
        self.assertIn("no-cache", response["Cache-Control"])

    def test_health_endpoint_answers_503_when_a_service_is_down(self):
        url = reverse("articles:healthz")
        with mock.patch("articles.views.health.connection.cursor", side_effect=DatabaseError("down")):
            response = self.client.get(url)
        self.assertEqual((response.status_code, response.json()["database"]), (503, "unavailable"))
        with mock.patch("articles.views.health.cache.set", side_effect=ConnectionError("down")):
            response = self.client.get(url)
        self.assertEqual((response.status_code, response.json()), (503, {"database": "ok", "cache": "unavailable"}))


class UnpublishedContentTests(TestCase):
    """Drafts and scheduled articles, with their pairs and facts, appear on no public page."""

    @classmethod
    def setUpTestData(cls):
        cls.theme = ThemeFactory(name="Trade", slug="trade")
        FactFactory(themes=[cls.theme], pair=QAPairFactory(themes=[cls.theme]))
        cls.hidden = []
        for trait in ["draft", "scheduled"]:
            article = ArticleFactory(title=f"Hidden {trait} title", themes=[cls.theme], **{trait: True})
            pair = QAPairFactory(article=article, prompt=f"Hidden {trait} prompt?", themes=[cls.theme])
            FactFactory(pair=pair, statement=f"Hidden {trait} statement.", themes=[cls.theme])
            cls.hidden.append(article)

    def test_hidden_content_appears_on_no_public_page(self):
        urls = [
            reverse("articles:home"),
            reverse("articles:article-list"),
            reverse("articles:theme-list"),
            self.theme.get_absolute_url(),
            reverse("articles:fact-list"),
            reverse("articles:fact-list") + "?theme=trade",
        ]
        for url in urls:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertNotContains(response, "Hidden", msg_prefix=url)

    def test_hidden_articles_are_404(self):
        for article in self.hidden:
            self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 404)

    def test_counts_ignore_hidden_content(self):
        response = self.client.get(reverse("articles:fact-list"))
        self.assertEqual(response.context["page_obj"].paginator.count, 1)
        response = self.client.get(reverse("articles:theme-list"))
        self.assertContains(response, "0 articles · 1 Q&amp;A pair · 1 fact")


class FactFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade, cls.digital, cls.space = (
            ThemeFactory(name=name, slug=name.lower()) for name in ["Trade", "Digital", "Space"]
        )
        cls.both = FactFactory(statement="Trade and digital.", themes=[cls.trade, cls.digital])
        cls.trade_only = FactFactory(statement="Trade only.", themes=[cls.trade])
        cls.all_three = FactFactory(statement="Everything.", themes=[cls.trade, cls.digital, cls.space])
        cls.url = reverse("articles:fact-list")

    def get(self, query):
        return self.client.get(f"{self.url}?{query}")

    def test_no_filter_lists_every_published_fact(self):
        response = self.client.get(self.url)
        self.assertEqual(set(response.context["facts"]), {self.both, self.trade_only, self.all_three})

    def test_several_themes_combine_with_and(self):
        response = self.get("theme=trade&theme=digital")
        self.assertEqual(set(response.context["facts"]), {self.both, self.all_three})
        response = self.get("theme=trade&theme=digital&theme=space")
        self.assertEqual(list(response.context["facts"]), [self.all_three])

    def test_other_themes_show_their_counts_within_the_selection(self):
        response = self.get("theme=trade")
        counts = {option.value: option.count for option in response.context["theme_options"]}
        self.assertEqual(counts, {"digital": 2, "space": 1})
        self.assertContains(response, "?theme=trade&amp;theme=digital")
        self.assertContains(response, 'Add <bdi>Digital</bdi> <span class="count">(2)</span>', html=True)

    def test_active_filter_is_removable_in_one_click(self):
        response = self.get("theme=trade&theme=space&page=1")
        self.assertContains(response, 'href="?theme=space"')
        self.assertContains(response, 'href="?theme=trade"')

    def test_an_unknown_parameter_is_dropped_and_an_unknown_theme_ignored_with_a_notice(self):
        response = self.get("theme=nope&colour=red&theme=trade")
        self.assertRedirects(response, f"{self.url}?theme=nope&theme=trade", 301, fetch_redirect_response=False)
        response = self.client.get(response["Location"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(set(response.context["facts"]), {self.both, self.trade_only, self.all_three})
        self.assertContains(response, "No theme is called nope; ignored.")

    def test_too_many_themes_are_capped_with_a_notice(self):
        response = self.get("&".join(f"theme=t{n}" for n in range(8)))
        self.assertContains(response, "At most 5 themes can be combined")

    def test_malformed_query_strings_never_cause_a_server_error(self):
        for query in [
            "page=abc",
            "page=0",
            "page=-1",
            "page=999",
            "page=1e3",
            "theme=",
            "theme=%00",
            "theme=" + "x" * 5000,
            "theme[]=trade",
            "theme=%E2%80%AE%3Cscript%3E",
            "%ff=%fe",
            "page=1&page=2",
            "theme=trade%0A",
            "person=%00",
            "source=%00",
            "from=%00&to=%00",
            "kind=%00",
        ]:
            response = self.client.get(f"{self.url}?{query}", follow=True)
            self.assertIn(response.status_code, (200, 404), query)

    def test_out_of_range_page_is_404(self):
        self.assertEqual(self.get("page=2").status_code, 404)
        self.assertEqual(self.get("page=abc").status_code, 404)

    def test_malformed_paths_are_404(self):
        for path in ["/themes/%00/", "/themes/trade%0A/", "/articles/%E2%80%AE/", "/themes/" + "x" * 3000 + "/"]:
            self.assertEqual(self.client.get(path).status_code, 404, path)


def build_content(articles):
    """Create `articles` published interviews, each with 3 themed pairs of 2 themed facts."""
    themes = [ThemeFactory(name=f"Theme {n}", slug=f"theme-{n}") for n in range(4)]
    for _ in range(articles):
        article = ArticleFactory(themes=themes[:2])
        intro_fact = Fact(article=article, statement="A visit.", quote="visited Mexico City")
        intro_fact.save()
        intro_fact.themes.set([themes[0]])
        for position in range(1, 4):
            pair = QAPairFactory(article=article, position=position, themes=[themes[position % 4]])
            for k in range(2):
                FactFactory(pair=pair, themes=[themes[(position + k) % 4], themes[0]], is_key_figure=k == 0)
    return themes


# The queries of rendering; a page served from the page cache runs none (tests/test_cache.py).
@override_settings(PAGE_CACHE=False)
class QueryCountTests(TestCase):
    """Each page's query count is fixed, from the facet index and without it: it does not grow with content."""

    PAGES = {
        # Lists of articles, pairs and facts hold one query each for their versions (or wordings)
        # in the page's language. The counts are with the facet index, then while it is built.
        "home": (lambda: reverse("articles:home"), 6, 6),
        "article list": (lambda: reverse("articles:article-list"), 6, 11),
        # The article page reads its pictures and its other versions in a query each, only where
        # it draws the sections that show them (articles/kept.py).
        "article detail": (lambda: Fact.objects.first().article.get_absolute_url(), 8, 8),
        # The page of themes and their total, for the pagination.
        "theme list": (lambda: reverse("articles:theme-list"), 2, 2),
        "theme detail": (lambda: reverse(THEME, args=["theme-1"]), 12, 18),
        "facts, filtered": (lambda: reverse("articles:fact-list") + "?theme=theme-0&theme=theme-1", 5, 11),
    }

    def queries(self, url):
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(captured)

    def test_query_counts_are_pinned_and_do_not_grow_with_content(self):
        build_content(2)
        small = queries_both_ways(self, self.PAGES)
        build_content(20)
        large = queries_both_ways(self, self.PAGES)
        for (page, mode), (queries, expected) in small.items():
            with self.subTest(page=page, mode=mode):
                self.assertEqual(queries, expected)
                self.assertEqual(large[page, mode][0], expected)
