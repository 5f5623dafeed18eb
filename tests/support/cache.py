"""The cache in tests: emptied of this process's keys only, and content whose pages it keeps."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from .factories import ArticleFactory, FactFactory, QAPairFactory, ThemeFactory, UserFactory

LANGUAGE_PREFIXES = ["", "/es", "/ko"]
ON_REDIS = settings.CACHES["default"]["BACKEND"] == "pagecache.rediscache.RedisCache"


def empty_cache():
    """
    Empty the cache of this test process. On Redis, delete only the keys under this process's
    prefix: Django's clear() empties the whole Redis database, the keys of other processes too.
    """
    if not hasattr(cache, "_cache") or not hasattr(cache._cache, "get_client"):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


class CachedContentTestCase(TestCase):
    """A published article with a themed pair and fact, an editor, and how a reader fetches their pages."""

    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        cls.article = ArticleFactory(title="Trade talks", slug="trade-talks", themes=[cls.trade])
        cls.pair = QAPairFactory(
            article=cls.article, position=1, answer="Trade reached $19.8 billion in 2023.", themes=[cls.trade]
        )
        cls.fact = FactFactory(
            pair=cls.pair,
            statement="Two-way trade set a record in 2023.",
            quote="$19.8 billion in 2023",
            value=19800000000,
            unit="USD",
            themes=[cls.trade],
            is_key_figure=True,
        )
        cls.editor = UserFactory(username="editor", editor=True)

    def public_urls(self):
        """Return the public addresses, in every language, that show the article or its fact."""
        pages = [
            "/",
            "/articles/",
            "/articles/trade-talks/",
            "/themes/trade/",
            "/facts/",
            f"/facts/{self.fact.pk}/",
            "/timeline/",
            "/search/?q=trade",
            "/feeds/rss/",
            "/feeds/atom/",
            "/themes/trade/feed/rss/",
            "/facts.csv",
            "/facts.json",
            "/themes/trade/facts.json",
        ]
        return [prefix + page for prefix in LANGUAGE_PREFIXES for page in pages]

    def fact_urls(self):
        """Return the public addresses, in every language, that show the fact's statement."""
        pages = ["/facts/", f"/facts/{self.fact.pk}/", "/articles/trade-talks/", "/themes/trade/", "/facts.csv"]
        pages += ["/facts.json", "/themes/trade/facts.json"]
        return [prefix + page for prefix in LANGUAGE_PREFIXES for page in pages]

    def get(self, url, **headers):
        """
        Fetch `url` as an anonymous reader; return the response and the work it took: the queries
        it ran and the templates it rendered, none when the page cache answered (a page whose
        fragments are all kept may render without a query).
        """
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, headers=headers)
        return response, len(queries) + len(response.templates)

    def text(self, url):
        response, _ = self.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.getvalue().decode()

    def warm(self, urls):
        """Fetch `urls` twice, proving each second answer comes from the cache."""
        for url in urls:
            self.text(url)
            response, work = self.get(url)
            self.assertEqual((response.status_code, work), (200, 0), url)
