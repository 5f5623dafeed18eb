import xml.etree.ElementTree as ET
from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.feeds import FEED_LENGTH

from .support.factories import ArticleFactory, FactFactory, QAPairFactory, ThemeFactory

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE_FEEDS = [reverse("articles:feed-rss"), reverse("articles:feed-atom")]


def theme_feeds(slug):
    return [reverse("articles:theme-feed-rss", args=[slug]), reverse("articles:theme-feed-atom", args=[slug])]


def entries(response):
    """Parse a feed response and return its RSS items or Atom entries."""
    root = ET.fromstring(response.content)
    if root.tag == "rss":
        return root.findall("channel/item")
    return root.findall(f"{ATOM}entry")


def title(entry):
    return entry.findtext("title") or entry.findtext(f"{ATOM}title")


def titles(response):
    return {title(entry) for entry in entries(response)}


def entry_titled(response, text):
    return next(entry for entry in entries(response) if title(entry) == text)


class FeedContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        cls.space = ThemeFactory(name="Space", slug="space")
        cls.tagged = ArticleFactory(
            title="Trade on the article",
            standfirst="Trade <b>grows</b> & more",
            themes=[cls.trade, cls.space],
        )
        cls.via_pair = ArticleFactory(title="Trade in one answer")
        QAPairFactory(article=cls.via_pair, themes=[cls.trade])
        cls.via_fact = ArticleFactory(title="Trade in one fact")
        FactFactory(pair=QAPairFactory(article=cls.via_fact), themes=[cls.trade])
        cls.elsewhere = ArticleFactory(title="Space only", themes=[cls.space])
        cls.draft = ArticleFactory(title="Draft on trade", draft=True, themes=[cls.trade])
        cls.scheduled = ArticleFactory(title="Scheduled on trade", scheduled=True, themes=[cls.trade])
        FactFactory(pair=QAPairFactory(article=cls.scheduled), themes=[cls.trade])
        cls.published = {"Trade on the article", "Trade in one answer", "Trade in one fact", "Space only"}

    def test_site_feeds_parse_and_list_only_published_articles(self):
        for url in SITE_FEEDS:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertEqual(titles(response), self.published, url)

    def test_rss_items_carry_link_description_dates_author_and_themes(self):
        response = self.client.get(reverse("articles:feed-rss"))
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        item = entry_titled(response, self.tagged.title)
        self.assertEqual(item.findtext("link"), f"http://testserver{self.tagged.get_absolute_url()}")
        self.assertEqual(item.findtext(f"{DC}creator"), self.tagged.interviewee.name)
        self.assertEqual({category.text for category in item.findall("category")}, {"Trade", "Space"})
        self.assertTrue(item.findtext("pubDate"))

    def test_description_is_the_standfirst_escaped_as_html(self):
        """Readers render a description as HTML: editor text must arrive as text, not markup."""
        for url in SITE_FEEDS:
            entry = entry_titled(self.client.get(url), self.tagged.title)
            description = entry.findtext("description") or entry.findtext(f"{ATOM}summary")
            self.assertEqual(description, "Trade &lt;b&gt;grows&lt;/b&gt; &amp; more", url)

    def test_atom_entries_carry_link_summary_dates_author_and_themes(self):
        response = self.client.get(reverse("articles:feed-atom"))
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        entry = entry_titled(response, self.tagged.title)
        url = f"http://testserver{self.tagged.get_absolute_url()}"
        self.assertEqual(entry.find(f"{ATOM}link").get("href"), url)
        self.assertEqual(entry.findtext(f"{ATOM}id"), url)
        self.assertEqual(entry.findtext(f"{ATOM}published"), self.tagged.published_at.isoformat())
        self.assertEqual(entry.findtext(f"{ATOM}updated"), self.tagged.updated_at.isoformat())
        self.assertEqual(entry.findtext(f"{ATOM}author/{ATOM}name"), self.tagged.interviewee.name)
        self.assertEqual({category.get("term") for category in entry.findall(f"{ATOM}category")}, {"Trade", "Space"})

    def test_scheduled_article_appears_when_its_time_comes(self):
        later = self.scheduled.published_at + timedelta(minutes=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            for url in SITE_FEEDS + theme_feeds("trade"):
                self.assertIn("Scheduled on trade", titles(self.client.get(url)), url)
                self.assertNotIn("Draft on trade", titles(self.client.get(url)), url)
            entry = entry_titled(self.client.get(reverse("articles:feed-atom")), "Scheduled on trade")
        # Edited before it appeared, it is updated when it appears, or readers sorting by date bury it.
        self.assertEqual(entry.findtext(f"{ATOM}updated"), self.scheduled.published_at.isoformat())

    def test_theme_feeds_list_articles_carrying_the_theme_on_themselves_their_pairs_or_facts(self):
        for url in theme_feeds("trade"):
            self.assertEqual(
                titles(self.client.get(url)), {"Trade on the article", "Trade in one answer", "Trade in one fact"}, url
            )
        for url in theme_feeds("space"):
            self.assertEqual(titles(self.client.get(url)), {"Trade on the article", "Space only"}, url)

    def test_theme_feed_is_titled_and_linked_to_its_theme(self):
        channel = ET.fromstring(self.client.get(reverse("articles:theme-feed-rss", args=["trade"])).content)
        self.assertEqual(channel.findtext("channel/title"), "Kormex: Trade")
        self.assertEqual(channel.findtext("channel/link"), "http://testserver/themes/trade/")
        self.assertEqual(channel.findtext("channel/description"), self.trade.description)

    def test_unknown_theme_feed_is_404(self):
        for url in theme_feeds("no-such-theme"):
            self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_renamed_theme_keeps_its_feed_at_the_old_address(self):
        self.space.slug = "outer-space"
        self.space.save()
        for url in theme_feeds("space"):
            self.assertEqual(titles(self.client.get(url)), {"Trade on the article", "Space only"}, url)

    def test_pages_advertise_site_feeds_and_the_theme_page_its_own(self):
        home = self.client.get(reverse("articles:home"))
        self.assertContains(
            home, '<link rel="alternate" type="application/rss+xml" title="Kormex (RSS)" href="/feeds/rss/">'
        )
        self.assertContains(
            home, '<link rel="alternate" type="application/atom+xml" title="Kormex (Atom)" href="/feeds/atom/">'
        )
        theme_page = self.client.get(self.trade.get_absolute_url())
        self.assertContains(theme_page, 'href="/feeds/rss/"')
        self.assertContains(
            theme_page,
            '<link rel="alternate" type="application/rss+xml" title="Kormex: Trade (RSS)" '
            'href="/themes/trade/feed/rss/">',
        )
        self.assertContains(
            theme_page,
            '<link rel="alternate" type="application/atom+xml" title="Kormex: Trade (Atom)" '
            'href="/themes/trade/feed/atom/">',
        )
        self.assertNotContains(home, "/themes/trade/feed/")


def publish_articles(count, theme):
    """Create `count` published articles, each with the theme on itself, a pair and a fact."""
    for _ in range(count):
        article = ArticleFactory(themes=[theme])
        FactFactory(pair=QAPairFactory(article=article, themes=[theme]), themes=[theme])


# The queries of rendering; a page served from the page cache runs none (tests/test_cache.py).
@override_settings(PAGE_CACHE=False)
class FeedQueryCountTests(TestCase):
    """Feeds are bounded: their length and their query counts do not grow with the content."""

    FEEDS = {
        # Each count holds one query for the articles' versions in the feed's language.
        "site RSS": (reverse("articles:feed-rss"), 3),
        "site Atom": (reverse("articles:feed-atom"), 3),
        "theme RSS": (reverse("articles:theme-feed-rss", args=["trade"]), 4),
        "theme Atom": (reverse("articles:theme-feed-atom", args=["trade"]), 4),
    }

    def queries(self, url):
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(captured)

    def test_feeds_are_bounded_and_their_query_counts_do_not_grow(self):
        theme = ThemeFactory(name="Trade", slug="trade")
        publish_articles(2, theme)
        small = {name: self.queries(url) for name, (url, _) in self.FEEDS.items()}
        publish_articles(FEED_LENGTH + 3, theme)
        for name, (url, expected) in self.FEEDS.items():
            with self.subTest(feed=name):
                self.assertEqual(small[name], expected)
                with self.assertNumQueries(expected):
                    response = self.client.get(url)
                self.assertEqual(len(entries(response)), FEED_LENGTH)


class FeedLanguageTests(TestCase):
    def test_an_atom_entry_in_another_language_than_the_feeds_says_so(self):
        """Regression: /es/feeds/atom/ listed an article that exists only in English as Spanish, the feed's language."""
        english = ArticleFactory(title="Space only in English", language="en")
        original = ArticleFactory(title="Trade talks", language="en")
        ArticleFactory(title="Conversaciones", language="es", translation_of=original)
        response = self.client.get("/es/feeds/atom/")
        self.assertEqual(ET.fromstring(response.content).get(XML_LANG), "es")
        languages = {title(entry): entry.get(XML_LANG) for entry in entries(response)}
        self.assertEqual(languages, {english.title: "en", "Conversaciones": None})
