import json
import re
from datetime import date, datetime, timedelta
from unittest import mock

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, Fact
from articles.sitemaps import FactSitemap

from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, SourceFactory, ThemeFactory
from .support.pages import SITEMAP, Head, sitemap_pages

FACT_PAGE = re.compile(r"/facts/\d+/$")
HOSTILE = "</script><script>alert(1)</script><!--"


def sitemap_entries(client):
    """Map each address listed on any page of the sitemap to its lastmod (None when absent)."""
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for page in sitemap_pages(client)
        for url in page.iter(f"{SITEMAP}url")
    }


def absolute(path):
    return f"http://testserver{path}"


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        cls.space = ThemeFactory(name="Space", slug="space")
        cls.hidden = ThemeFactory(name="Hidden", slug="hidden")
        ThemeFactory(name="Unused", slug="unused")
        cls.article = ArticleFactory(themes=[cls.trade], published_at=now - timedelta(days=10))
        cls.fact = FactFactory(pair=QAPairFactory(article=cls.article, themes=[cls.space]))
        # Scheduled long ago and published later: its publication is its last change.
        cls.later = ArticleFactory(published_at=now - timedelta(days=5))
        FactFactory(pair=QAPairFactory(article=cls.later), themes=[cls.trade])
        Article.objects.filter(pk=cls.article.pk).update(updated_at=now - timedelta(days=8))
        Article.objects.filter(pk=cls.later.pk).update(updated_at=now - timedelta(days=20))
        cls.draft = ArticleFactory(draft=True, themes=[cls.hidden])
        cls.scheduled = ArticleFactory(scheduled=True, themes=[cls.hidden])
        cls.scheduled_fact = FactFactory(pair=QAPairFactory(article=cls.scheduled), themes=[cls.hidden])
        cls.days_ago = {n: (now - timedelta(days=n)).date().isoformat() for n in (5, 8, 10)}

    def test_sitemap_lists_pages_and_published_articles_themes_and_facts_only(self):
        """Pages, articles, themes and facts are listed in every language (tests/test_i18n_alternates.py)."""
        pages = ["home", "article-list", "theme-list", "fact-list", "timeline", "data"]
        expected = set()
        for language in ["en", "es", "ko"]:
            with translation.override(language):
                expected |= {absolute(reverse(f"articles:{name}")) for name in pages} | {
                    absolute(obj.get_absolute_url()) for obj in [self.article, self.later, self.trade, self.space]
                }
                expected |= {absolute(fact.get_permalink()) for fact in Fact.objects.published()}
        self.assertEqual(set(sitemap_entries(self.client)), expected)

    def test_content_carries_its_last_change_as_lastmod(self):
        entries = sitemap_entries(self.client)
        self.assertEqual(entries[absolute(self.article.get_absolute_url())], self.days_ago[8])
        self.assertEqual(entries[absolute(self.later.get_absolute_url())], self.days_ago[5])
        self.assertEqual(entries[absolute(self.fact.get_permalink())], self.days_ago[8])

    def test_theme_lastmod_is_the_latest_change_of_the_published_content_it_shows(self):
        """A scheduled article changes its themes' pages when it appears, after its last edit."""
        entries = sitemap_entries(self.client)
        self.assertEqual(entries[absolute(self.trade.get_absolute_url())], self.days_ago[5])
        self.assertEqual(entries[absolute(self.space.get_absolute_url())], self.days_ago[8])

    def test_scheduled_content_enters_the_sitemap_when_its_time_comes(self):
        with mock.patch("django.utils.timezone.now", return_value=self.scheduled.published_at + timedelta(minutes=1)):
            entries = sitemap_entries(self.client)
        for url in [
            self.scheduled.get_absolute_url(),
            self.hidden.get_absolute_url(),
            self.scheduled_fact.get_permalink(),
        ]:
            self.assertIn(absolute(url), entries)
        self.assertNotIn(absolute(self.draft.get_absolute_url()), entries)


# The queries of rendering; a page served from the page cache runs none (tests/test_cache.py).
@override_settings(PAGE_CACHE=False)
class SitemapQueryCountTests(TestCase):
    """
    The sitemap's query count does not grow with the content: one query each for the articles
    and the themes (listed in every language, so counted in Python), a count and a page for the
    facts.
    """

    def test_sitemap_query_count_does_not_grow_with_content(self):
        themes = [ThemeFactory(name=f"Theme {n}", slug=f"theme-{n}") for n in range(3)]

        def publish(count):
            for n in range(count):
                article = ArticleFactory(themes=[themes[n % 3]])
                FactFactory(pair=QAPairFactory(article=article, themes=[themes[(n + 1) % 3]]), themes=themes)

        publish(2)
        with CaptureQueriesContext(connection) as captured:
            sitemap_pages(self.client)
        publish(20)
        with self.assertNumQueries(len(captured)):
            entries = sitemap_entries(self.client)
        self.assertEqual(len(entries), 3 * (6 + 22 + 3 + 22))

    def test_the_index_names_every_page_of_a_section_longer_than_the_limit(self):
        """Each page holds at most the limit, so that no request lists everything, and the index names them all."""
        for n in range(5):
            FactFactory(pair=QAPairFactory(article=ArticleFactory(title=f"Interview {n}")))
        with mock.patch.object(FactSitemap, "limit", 2):
            pages = sitemap_pages(self.client)
            facts = [[loc.text for loc in page.iter(f"{SITEMAP}loc") if FACT_PAGE.search(loc.text)] for page in pages]
        # Five facts, each in three languages.
        self.assertEqual([len(page) for page in facts if page], [2, 2, 2, 2, 2, 2, 2, 1])
        expected = set()
        for language in ["en", "es", "ko"]:
            with translation.override(language):
                expected |= {absolute(fact.get_permalink()) for fact in Fact.objects.all()}
        self.assertEqual({loc for page in facts for loc in page}, expected)


class RobotsTests(TestCase):
    def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_previews(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("User-agent: *", lines)
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)
        # Disallow patterns as crawlers read them (RFC 9309): a prefix, with * for any characters.
        rules = [
            re.compile(re.escape(line.split(":", 1)[1].strip()).replace(r"\*", ".*"))
            for line in lines
            if line.startswith("Disallow:")
        ]

        def disallowed(path):
            return any(rule.match(path) for rule in rules)

        # Previews are under each language's prefix: /es/articles/…/preview/ was crawlable.
        for language in ["en", "es", "ko"]:
            with translation.override(language):
                preview = reverse("articles:article-preview", args=["some-draft"])
                pages = [reverse(name) for name in ["articles:home", "articles:article-list", "articles:fact-list"]]
                pages.append(reverse("articles:article-detail", args=["some-article"]))
            self.assertTrue(disallowed(preview), preview)
            for page in pages:
                self.assertFalse(disallowed(page), page)
        self.assertFalse(disallowed(reverse("sitemap")))


class CanonicalAndSocialTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.theme = ThemeFactory(name="Trade", slug="trade")
        cls.article = ArticleFactory(title="Trade talks", standfirst="Ministers meet.", themes=[cls.theme])
        cls.fact = FactFactory(pair=QAPairFactory(article=cls.article, themes=[cls.theme]), themes=[cls.theme])

    def public_pages(self):
        names = ["home", "article-list", "theme-list", "fact-list", "timeline", "search", "data"]
        return [reverse(f"articles:{name}") for name in names] + [
            self.article.get_absolute_url(),
            self.theme.get_absolute_url(),
            self.fact.get_permalink(),
        ]

    def test_every_public_page_has_one_absolute_canonical_and_open_graph_tags(self):
        for path in self.public_pages():
            with self.subTest(path=path):
                head = Head(self.client.get(path))
                self.assertEqual(head.canonicals, [absolute(path)])
                self.assertEqual(head.one("og:url"), absolute(path))
                self.assertEqual(head.one("og:site_name"), "Kormex")
                self.assertIn(head.one("og:type"), {"website", "article"})
                self.assertTrue(head.one("og:title"))
                self.assertTrue(head.one("og:description"))
                self.assertEqual(head.one("twitter:card"), "summary_large_image")

    def test_pages_say_what_they_are(self):
        article = Head(self.client.get(self.article.get_absolute_url()))
        self.assertEqual(article.one("og:type"), "article")
        self.assertEqual(article.one("og:title"), "Trade talks")
        self.assertEqual(article.one("og:description"), "Ministers meet.")
        published = datetime.fromisoformat(article.one("article:published_time"))
        self.assertEqual(published, self.article.published_at)
        self.assertEqual(article.meta["article:tag"], ["Trade"])
        theme = Head(self.client.get(self.theme.get_absolute_url()))
        self.assertEqual((theme.one("og:type"), theme.one("og:title")), ("website", "Trade"))
        self.assertEqual(theme.one("og:description"), self.theme.description)

    def test_article_without_standfirst_is_described_by_the_site(self):
        article = ArticleFactory(standfirst="")
        head = Head(self.client.get(article.get_absolute_url()))
        self.assertIn("Korea–Mexico", head.one("og:description"))

    def test_later_pages_of_a_list_are_canonical_to_themselves(self):
        ArticleFactory.create_batch(20)
        url = reverse("articles:article-list")
        self.assertEqual(Head(self.client.get(f"{url}?page=2")).canonicals, [absolute(f"{url}?page=2")])
        self.assertEqual(Head(self.client.get(f"{url}?page=1")).canonicals, [absolute(url)])

    def test_later_pages_and_filtered_theme_pages_have_titles_of_their_own(self):
        """Regression: ?page=2 had page 1's title, and a theme page's filters were not in its title."""
        ArticleFactory.create_batch(20)
        url = reverse("articles:article-list")
        self.assertContains(self.client.get(f"{url}?page=2"), "<title>Articles, page 2 — Kormex</title>")
        self.assertContains(self.client.get(url), "<title>Articles — Kormex</title>")
        filtered = self.client.get(self.theme.get_absolute_url() + "?kind=figure")
        self.assertContains(filtered, "<title>Trade: Kind: Figures — Kormex</title>")

    def test_lists_and_facts_describe_themselves(self):
        """Regression: the fact, article and theme lists had the site's description, a fact page its title's words."""
        site = Head(self.client.get(reverse("articles:home"))).meta["description"]
        for name in ["fact-list", "article-list", "theme-list"]:
            with self.subTest(name):
                description = Head(self.client.get(reverse(f"articles:{name}"))).meta["description"]
                self.assertNotEqual(description, site)
        fact = Head(self.client.get(self.fact.get_permalink()))
        self.assertEqual(fact.meta["description"], [self.fact.quote])

    def test_filtered_views_are_noindex_follow_and_share_their_own_address(self):
        """A filtered list is not a copy of the whole list: keep it out of indexes, follow its links."""
        for url in [
            reverse("articles:fact-list") + "?theme=trade",
            reverse("articles:article-list") + "?theme=trade&page=1",
            self.theme.get_absolute_url() + "?kind=figure",
            reverse("articles:timeline") + "?theme=trade",
        ]:
            with self.subTest(url=url):
                head = Head(self.client.get(url))
                self.assertEqual(head.canonicals, [])
                self.assertIn("noindex, follow", head.meta["robots"])
                self.assertEqual(head.one("og:url"), absolute(url))

    def test_unfiltered_pages_are_indexable(self):
        for path in [reverse("articles:home"), reverse("articles:fact-list"), self.article.get_absolute_url()]:
            self.assertNotIn("robots", Head(self.client.get(path)).meta, path)

    def test_editor_text_in_meta_tags_is_escaped(self):
        article = ArticleFactory(title=HOSTILE, standfirst=f'"{HOSTILE}"', themes=[ThemeFactory(name=HOSTILE)])
        response = self.client.get(article.get_absolute_url())
        head = Head(response)
        self.assertEqual(head.one("og:title"), HOSTILE)
        self.assertEqual(head.one("og:description"), f'"{HOSTILE}"')
        self.assertEqual(head.meta["article:tag"], [HOSTILE])
        self.assertNotContains(response, "<script>alert")


class JsonLdTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        cls.minister = PersonFactory(name="Sang Min Lee", role="Minister of the Interior", country="South Korea")
        cls.article = ArticleFactory(
            title="South Korea desires an FTA",
            standfirst="The minister speaks.",
            intro="The minister visited Mexico City in 2024.",
            interviewee=cls.minister,
            source=SourceFactory(name="El Economista", url="https://www.eleconomista.com.mx/", language="es"),
            source_url="https://www.eleconomista.com.mx/interview",
            original_date=date(2024, 10, 1),
            original_date_precision="month",
            themes=[cls.trade],
        )
        cls.pair = QAPairFactory(
            article=cls.article,
            position=1,
            prompt="What about trade?",
            answer="Trade reached $19.8 billion in 2023.",
            themes=[cls.trade],
        )
        cls.fact = FactFactory(
            pair=cls.pair,
            statement="Trade reached $19.8 billion in 2023.",
            quote="$19.8 billion in 2023",
            value=19800000000,
            unit="USD",
            date=date(2023, 1, 1),
            date_precision="year",
            person=cls.minister,
            themes=[cls.trade],
        )
        cls.intro_fact = Fact.objects.create(article=cls.article, statement="A visit.", quote="visited Mexico City")

    def json_ld(self, article):
        scripts = Head(self.client.get(article.get_absolute_url())).json_ld
        self.assertEqual(len(scripts), 1)
        return json.loads(scripts[0])

    def test_article_page_describes_a_news_article(self):
        data = self.json_ld(self.article)
        url = absolute(self.article.get_absolute_url())
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertEqual(data["@type"], "NewsArticle")
        self.assertEqual(data["headline"], "South Korea desires an FTA")
        self.assertEqual(data["description"], "The minister speaks.")
        self.assertEqual((data["url"], data["mainEntityOfPage"]), (url, url))
        self.assertEqual(data["inLanguage"], "en")
        self.assertEqual(datetime.fromisoformat(data["datePublished"]), self.article.published_at)
        self.assertEqual(datetime.fromisoformat(data["dateModified"]), self.article.updated_at)
        self.assertEqual(data["publisher"], {"@type": "Organization", "name": "Kormex", "url": absolute("/")})
        self.assertEqual(data["about"], [{"@type": "Thing", "name": "Trade", "url": absolute("/themes/trade/")}])

    def test_interviewee_and_original_source_are_described(self):
        data = self.json_ld(self.article)
        minister = {
            "@type": "Person",
            "name": "Sang Min Lee",
            "jobTitle": "Minister of the Interior",
            "nationality": {"@type": "Country", "name": "South Korea"},
        }
        self.assertEqual(data["contributor"], minister)
        self.assertEqual(
            data["isBasedOn"],
            {
                "@type": "CreativeWork",
                "url": "https://www.eleconomista.com.mx/interview",
                "publisher": {
                    "@type": "Organization",
                    "name": "El Economista",
                    "url": "https://www.eleconomista.com.mx/",
                },
                "inLanguage": "es",
                "datePublished": "2024-10",
            },
        )
        self.assertEqual(data["hasPart"][0]["acceptedAnswer"]["author"], minister)

    def test_pairs_are_questions_with_answers_and_facts_are_claims_interpreted_from_them(self):
        data = self.json_ld(self.article)
        anchor = absolute(self.pair.get_absolute_url())
        [question] = data["hasPart"]
        self.assertEqual(
            (question["@type"], question["text"], question["url"]), ("Question", "What about trade?", anchor)
        )
        answer = question["acceptedAnswer"]
        self.assertEqual((answer["@type"], answer["text"], answer["url"]), ("Answer", self.pair.answer, anchor))
        [claim] = answer["interpretedAsClaim"]
        self.assertEqual(claim["@type"], "Claim")
        self.assertEqual(claim["text"], "Trade reached $19.8 billion in 2023.")
        self.assertEqual(claim["url"], absolute(self.fact.get_permalink()))
        self.assertEqual(claim["author"]["name"], "Sang Min Lee")
        self.assertEqual(claim["claimInterpreter"]["name"], "Kormex")
        self.assertEqual(claim["appearance"]["@type"], "Quotation")
        self.assertEqual(claim["appearance"]["text"], "$19.8 billion in 2023")
        self.assertEqual(claim["appearance"]["url"], anchor)
        self.assertEqual(claim["firstAppearance"]["url"], "https://www.eleconomista.com.mx/interview")
        self.assertEqual(claim["temporalCoverage"], "2023")
        [intro_claim] = data["interpretedAsClaim"]
        self.assertEqual(intro_claim["text"], "A visit.")
        self.assertEqual(intro_claim["appearance"]["url"], absolute(self.article.get_absolute_url()) + "#intro")

    def test_editor_text_cannot_break_out_of_the_script_element(self):
        """`</script>` or `<!--` in any editor text must stay inside the JSON, as data."""
        person = PersonFactory(name=HOSTILE, role=HOSTILE, country=HOSTILE)
        article = ArticleFactory(
            title=HOSTILE, standfirst=HOSTILE, interviewee=person, themes=[ThemeFactory(name=HOSTILE)]
        )
        pair = QAPairFactory(article=article, prompt=HOSTILE, answer=f"Said {HOSTILE} & more.")
        FactFactory(pair=pair, statement=HOSTILE, quote=HOSTILE, value=None, unit="", person=person)
        response = self.client.get(article.get_absolute_url())
        content = response.content.decode()
        script = content.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        self.assertNotIn("<", script)
        data = json.loads(script)
        self.assertEqual(data["headline"], HOSTILE)
        self.assertEqual(data["hasPart"][0]["acceptedAnswer"]["text"], f"Said {HOSTILE} & more.")
        self.assertEqual(data["hasPart"][0]["acceptedAnswer"]["interpretedAsClaim"][0]["appearance"]["text"], HOSTILE)
        self.assertEqual(data["contributor"]["nationality"]["name"], HOSTILE)
        self.assertEqual(json.loads(Head(response).json_ld[0]), data)
        self.assertNotIn("<script>alert", content)
