import os
import tempfile
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path
from unittest import mock, skipUnless

import redis
from django.conf import settings
from django.contrib.admin import helpers
from django.core.cache import cache
from django.core.cache.backends import filebased
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory, SimpleTestCase, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from reversion.models import Version

from articles.models import Article, Fact, Theme
from articles.services.themes import merge_themes
from articles.templatetags import cards
from articles.versions import VERSION_KEY, current_version
from pagecache.filecache import FileBasedCache
from pagecache.middleware import LOCAL_PAGES, StoredPage, page_key
from pagecache.rediscache import RedisCache

from .support.cache import empty_cache
from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, ThemeFactory, UserFactory
from .support.importing import INTERVIEW

LANGUAGE_PREFIXES = ["", "/es", "/ko"]
ON_REDIS = settings.CACHES["default"]["BACKEND"] == "pagecache.rediscache.RedisCache"


class CachedContentTestCase(TestCase):
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


class PageCacheTests(CachedContentTestCase):
    def test_every_public_page_feed_and_export_is_served_from_the_cache(self):
        self.warm([*self.public_urls(), "/themes/", "/data/", "/sitemap.xml", "/robots.txt"])

    def test_cached_page_is_the_rendered_page_with_validators(self):
        first, _ = self.get("/")
        second, work = self.get("/")
        self.assertEqual(work, 0)
        self.assertEqual(first.content, second.content)
        self.assertEqual(first["ETag"], second["ETag"])
        self.assertIn("Last-Modified", second)
        self.assertEqual(set(second["Cache-Control"].split(", ")), {"public", "max-age=0", "must-revalidate"})

    @skipUnless(ON_REDIS, "Redis's client-side caching; the suite runs on Redis with REDIS_URL set")
    def test_a_hit_sends_nothing_to_redis(self):
        self.warm(["/"])
        send = redis.connection.AbstractConnection.send_packed_command
        with mock.patch.object(
            redis.connection.AbstractConnection, "send_packed_command", autospec=True, side_effect=send
        ) as sent:
            response, work = self.get("/")
        self.assertEqual((response.status_code, work, sent.call_count), (200, 0, 0))

    def test_compressed_and_plain_answers_are_stored_apart(self):
        self.get("/")
        compressed, work = self.get("/", accept_encoding="gzip")
        self.assertEqual((compressed["Content-Encoding"], work > 0), ("gzip", True))
        plain, work = self.get("/")
        self.assertEqual((plain.has_header("Content-Encoding"), work), (False, 0))
        self.assertIn(b"Trade talks", plain.content)

    def test_each_host_has_its_own_entry_because_feeds_hold_absolute_links(self):
        self.get("/feeds/rss/")
        response, work = self.get("/feeds/rss/", host="localhost")
        self.assertGreater(work, 0)
        self.assertIn(b"http://localhost/articles/trade-talks/", response.content)

    def test_matching_etag_or_unchanged_date_answers_304(self):
        response, _ = self.get("/articles/trade-talks/")
        etag, modified = response["ETag"], response["Last-Modified"]
        for headers in ({"if_none_match": etag}, {"if_modified_since": modified}):
            with self.subTest(headers=headers):
                answer, work = self.get("/articles/trade-talks/", **headers)
                self.assertEqual((answer.status_code, answer.content, work), (304, b"", 0))
        self.assertEqual(self.get("/articles/trade-talks/", if_none_match='"other"')[0].status_code, 200)

    def test_failed_preconditions_on_a_stored_page_answer_412(self):
        """Every conditional header is checked on a hit, not only those of a revalidation."""
        self.warm(["/articles/trade-talks/"])
        for headers in ({"if_match": '"other"'}, {"if_unmodified_since": "Sun, 06 Nov 1994 08:49:37 GMT"}):
            with self.subTest(headers=headers):
                answer, work = self.get("/articles/trade-talks/", **headers)
                self.assertEqual((answer.status_code, work), (412, 0))

    def test_the_request_that_stores_a_page_is_answered_304_when_it_has_it(self):
        """A revalidation that renders the page is answered 304 too, and the page is stored for the next request."""
        later = "Fri, 31 Dec 9999 23:59:59 GMT"
        answer, work = self.get("/articles/trade-talks/", if_modified_since=later)
        self.assertEqual((answer.status_code, answer.content, work > 0), (304, b"", True))
        response, work = self.get("/articles/trade-talks/")
        self.assertEqual((response.status_code, work), (200, 0))
        self.assertContains(response, "Trade talks")

    def test_a_change_answers_200_to_the_old_etag(self):
        response, _ = self.get("/articles/trade-talks/")
        Article.objects.get(pk=self.article.pk).save()
        answer, _ = self.get("/articles/trade-talks/", if_none_match=response["ETag"])
        self.assertEqual(answer.status_code, 200)

    def test_head_is_answered_from_the_stored_page(self):
        self.get("/")
        with self.assertNumQueries(0):
            response = self.client.head("/")
        self.assertEqual(response.status_code, 200)

    def test_staff_are_never_served_nor_stored_in_the_cache(self):
        self.warm(["/articles/trade-talks/"])
        staff = Client()
        staff.force_login(self.editor)
        response = staff.get("/articles/trade-talks/")
        self.assertContains(response, reverse("admin:articles_article_change", args=[self.article.pk]))
        self.assertIn("private", response["Cache-Control"])
        reader = self.client.get("/articles/trade-talks/")
        self.assertNotContains(reader, reverse("admin:articles_article_change", args=[self.article.pk]))

    def test_previews_admin_and_health_are_never_stored(self):
        staff = Client()
        staff.force_login(self.editor)
        draft = ArticleFactory(title="Quiet draft", draft=True)
        preview = staff.get(reverse("articles:article-preview", args=[draft.slug]))
        self.assertEqual(preview.status_code, 200)
        self.assertIn("no-store", preview["Cache-Control"])
        self.assertIn("no-store", self.client.get(reverse("admin:login"))["Cache-Control"])
        self.get("/healthz")
        health, work = self.get("/healthz")
        self.assertIn("no-store", health["Cache-Control"])
        self.assertGreater(work, 0)

    def test_errors_and_redirects_are_not_stored(self):
        missing, _ = self.get("/articles/nothing-here/")
        again, work = self.get("/articles/nothing-here/")
        self.assertEqual((missing.status_code, again.status_code), (404, 404))
        self.assertGreater(work, 0)
        redirect, _ = self.get("/themes")
        self.assertEqual(redirect.status_code, 301)
        for response in (missing, again, redirect):
            self.assertNotIn("public", response.get("Cache-Control", ""))

    @override_settings(PAGE_CACHE_MAX_BYTES=100)
    def test_an_export_larger_than_the_limit_streams_whole_and_is_not_stored(self):
        first, _ = self.get("/facts.csv")
        self.assertTrue(first.streaming)
        self.assertIn("$19.8 billion in 2023", first.getvalue().decode())
        second, _ = self.get("/facts.csv")
        self.assertTrue(second.streaming)

    def test_pages_are_rendered_when_the_cache_does_not_answer(self):
        """Regression: a Redis outage must not turn every page into a 500."""
        with mock.patch("pagecache.middleware.cache.get", side_effect=ConnectionError("down")):
            response, _ = self.get("/")
        self.assertContains(response, "Trade talks")

    def test_migrate_at_a_deployment_drops_pages_cached_by_the_previous_code(self):
        self.warm(["/"])
        call_command("migrate", verbosity=0)
        _, work = self.get("/")
        self.assertGreater(work, 0)

    def test_an_entry_of_another_shape_is_replaced_not_an_error(self):
        """Regression: entries an earlier release stored must not break every request after a deploy."""
        self.get("/")
        key = page_key(RequestFactory().get("/"))
        LOCAL_PAGES.entries.pop(key)
        token = cache.get(VERSION_KEY).token
        # A StoredPage as the release before validators were stored with it pickled one.
        earlier = StoredPage.__new__(StoredPage)
        vars(earlier).update(token=token, status=200, headers=(), content=b"old response")
        for entry in [("old token", "old response"), earlier]:
            with self.subTest(entry=entry):
                LOCAL_PAGES.entries.pop(key, None)
                cache.set(key, entry)
                response, work = self.get("/")
                self.assertContains(response, "Trade talks")
                self.assertGreater(work, 0)
                self.assertEqual(self.get("/")[1], 0)

    @override_settings(PAGE_CACHE=False)
    def test_the_page_cache_can_be_switched_off(self):
        self.get("/")
        _, work = self.get("/")
        self.assertGreater(work, 0)


class InvalidationTests(CachedContentTestCase):
    """Every kind of change is visible on the very next request to every page, in every language."""

    def assert_everywhere(self, urls, present=(), absent=()):
        for url in urls:
            text = self.text(url)
            for value in present:
                self.assertIn(value, text, url)
            for value in absent:
                self.assertNotIn(value, text, url)

    def test_saving_an_article_shows_the_new_title(self):
        urls = [prefix + page for prefix in LANGUAGE_PREFIXES for page in ["/", "/articles/", "/themes/trade/"]]
        urls += [url for url in self.public_urls() if "feeds" in url or "trade-talks" in url]
        self.warm(urls)
        article = Article.objects.get(pk=self.article.pk)
        article.title = "Trade and more talks"
        article.save()
        self.assert_everywhere(urls, present=["Trade and more talks"])

    def test_editing_a_fact_in_the_admin_shows_the_new_statement(self):
        urls = self.fact_urls()
        self.warm(urls)
        self.client.force_login(self.editor)
        change = reverse("admin:articles_fact_change", args=[self.fact.pk])
        form = self.client.get(change).context["adminform"].form
        data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
        data |= {"statement": "Two-way trade set a new record in 2023.", "themes": "Trade"}
        response = self.client.post(change, data)
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assert_everywhere(urls, present=["Two-way trade set a new record in 2023."])

    def test_deleting_a_fact_removes_it_everywhere(self):
        urls = [url for url in self.fact_urls() if f"/facts/{self.fact.pk}/" not in url]
        self.warm(urls)
        self.fact.delete()
        self.assert_everywhere(urls, absent=["Two-way trade set a record in 2023."])
        for prefix in LANGUAGE_PREFIXES:
            self.assertEqual(self.get(f"{prefix}/facts/{self.fact.pk}/")[0].status_code, 404)

    def test_a_page_rendered_before_the_commit_is_not_kept_after_it(self):
        """Regression: a page rendered while a change was uncommitted must not outlive the commit."""
        with self.captureOnCommitCallbacks(execute=True):
            Article.objects.get(pk=self.article.pk).save()
            self.warm(["/"])
        _, work = self.get("/")
        self.assertGreater(work, 0)

    def test_publishing_through_the_admin_action_shows_the_article(self):
        draft = ArticleFactory(title="Aerospace plans", slug="aerospace-plans", draft=True, themes=[self.trade])
        urls = [prefix + page for prefix in LANGUAGE_PREFIXES for page in ["/", "/articles/", "/feeds/rss/"]]
        self.warm([*urls, "/sitemap.xml", "/sitemap-articles.xml"])
        editor = Client()
        editor.force_login(self.editor)
        response = editor.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish", helpers.ACTION_CHECKBOX_NAME: [draft.pk]},
        )
        self.assertEqual(response.status_code, 302)
        self.assert_everywhere(urls, present=["Aerospace plans"])
        self.assertIn("/articles/aerospace-plans/", self.text("/sitemap-articles.xml"))

    def test_a_scheduled_article_appears_when_its_time_passes_without_any_save(self):
        ArticleFactory(title="Scheduled interview", slug="scheduled-interview", scheduled=True, themes=[self.trade])
        urls = [prefix + page for prefix in LANGUAGE_PREFIXES for page in ["/", "/articles/", "/themes/trade/"]]
        urls += ["/feeds/rss/", "/sitemap-articles.xml"]
        self.warm(urls)
        self.assert_everywhere(urls, absent=["Scheduled interview", "scheduled-interview"])
        later = timezone.now() + timedelta(days=2)
        with mock.patch("django.utils.timezone.now", return_value=later):
            self.assert_everywhere(urls, present=["scheduled-interview"])

    def test_merging_themes_moves_their_content_and_addresses(self):
        fta = ThemeFactory(name="Free trade agreement", slug="free-trade-agreement")
        # Only a theme published content uses has a page.
        ArticleFactory(title="The FTA", themes=[fta])
        lists = [f"{prefix}/themes/" for prefix in LANGUAGE_PREFIXES]
        pages = [f"{prefix}/themes/free-trade-agreement/" for prefix in LANGUAGE_PREFIXES]
        self.warm([*lists, *pages, "/themes/trade/"])
        merge_themes(fta, [Theme.objects.get(pk=self.trade.pk)], self.editor)
        self.assert_everywhere(lists, absent=['href="/themes/trade/"'])
        self.assert_everywhere(pages, present=["Trade talks"])
        response, _ = self.get("/themes/trade/")
        self.assertRedirects(response, "/themes/free-trade-agreement/", status_code=301)

    def test_adding_a_theme_in_bulk_shows_the_fact_on_the_theme_page(self):
        space = ThemeFactory(name="Space", slug="space")
        # Only a theme published content uses has a page.
        ArticleFactory(title="Satellites", themes=[space])
        urls = [f"{prefix}/themes/space/" for prefix in LANGUAGE_PREFIXES]
        self.warm(urls)
        editor = Client()
        editor.force_login(self.editor)
        editor.post(
            reverse("admin:articles_fact_changelist"),
            {"action": "add_theme", helpers.ACTION_CHECKBOX_NAME: [self.fact.pk], "theme": space.pk, "post": "yes"},
        )
        self.assertTrue(self.fact.themes.filter(pk=space.pk).exists())
        self.assert_everywhere(urls, present=["Two-way trade set a record in 2023."])

    def test_an_import_and_its_publication_are_seen_on_the_next_request(self):
        PersonFactory(slug="ana-ruiz")
        self.warm(["/", "/es/articles/"])
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "talk.txt"
            path.write_text(INTERVIEW)
            call_command("import_article", str(path), "--interviewee", "ana-ruiz", stdout=StringIO())
        self.assertIsNone(cache.get(VERSION_KEY), "the import left the content version current")
        imported = Article.objects.get(title="Korea and Mexico look to the stars")
        imported.status, imported.published_at = Article.Status.PUBLISHED, timezone.now()
        imported.save()
        self.assert_everywhere(["/", "/es/articles/"], present=["Korea and Mexico look to the stars"])


@override_settings(PAGE_CACHE=False)
class InvalidationOfKeptFragmentsTests(InvalidationTests):
    """The same changes with the page cache off: the fragments each worker keeps for a version are all that is kept."""

    def warm(self, urls):
        """Fetch `urls` twice, proving each second answer draws none of its cards."""
        # With the page cache off, the version is made by the first page that reads the facet index.
        current_version()
        for url in urls:
            self.text(url)
            with (
                mock.patch.object(cards, "draw_article_card") as articles,
                mock.patch.object(cards, "draw_fact_card") as facts,
            ):
                response, _ = self.get(url)
            self.assertEqual((response.status_code, articles.call_count, facts.call_count), (200, 0, 0), url)


class CacheFaultTests(CachedContentTestCase):
    """Saving content needs the cache: a change it cannot hear of would stay hidden behind old pages."""

    def post_statement(self, statement):
        self.client.force_login(self.editor)
        change = reverse("admin:articles_fact_change", args=[self.fact.pk])
        form = self.client.get(change).context["adminform"].form
        data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
        return self.client.post(change, data | {"statement": statement, "themes": "Trade"})

    def test_a_change_is_refused_with_a_503_and_nothing_saved_when_the_cache_does_not_answer(self):
        versions = Version.objects.count()
        with (
            mock.patch("articles.versions.cache.delete", side_effect=ConnectionError("down")),
            self.assertLogs("pagecache.middleware", "ERROR"),
        ):
            response = self.post_statement("Saved while the cache was down.")
        self.assertContains(response, "Nothing was saved", status_code=503)
        self.assertContains(response, "it was not saved", status_code=503)
        self.assertEqual(Fact.objects.get(pk=self.fact.pk).statement, self.fact.statement)
        self.assertEqual(Version.objects.count(), versions)

    def test_a_cache_failure_after_the_commit_keeps_the_saved_change(self):
        """The version was dropped before the commit; failing to drop it again is logged, not an error page."""
        cache_down = mock.patch("articles.versions.cache.delete", side_effect=ConnectionError("down"))
        with self.assertLogs("django", "ERROR"), self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.post_statement("Saved before the cache went down.")
            cache_down.start()
        cache_down.stop()
        self.assertEqual(response.status_code, 302)
        self.assertTrue(callbacks)
        self.assertEqual(Fact.objects.get(pk=self.fact.pk).statement, "Saved before the cache went down.")


class RedisClientTests(SimpleTestCase):
    def test_every_call_shares_one_redis_client(self):
        """Django's client builds a redis.Redis for each call; this one keeps one per pool (no connection is made)."""
        client = RedisCache("redis://127.0.0.1:6379/15", {})._cache
        first = client.get_client("a")
        self.assertIs(client.get_client("b", write=True), first)
        self.assertIs(first.connection_pool, client._get_connection_pool(write=False))


@skipUnless(ON_REDIS, "Redis's client-side caching; the suite runs on Redis with REDIS_URL set")
class TrackedKeyTests(SimpleTestCase):
    """A tracked key is read from Redis once per process, and again once Redis says it changed."""

    def setUp(self):
        location = settings.CACHES["default"]["LOCATION"]
        params = {"KEY_PREFIX": f"kormex-test-tracked-{os.getpid()}"}
        self.ours = RedisCache(location, {**params, "OPTIONS": {"tracked_keys": ["version"]}})
        # Another worker or host.
        self.theirs = RedisCache(location, params)
        self.addCleanup(self.theirs.delete, "version")
        self.theirs.set("version", "first")
        self.tracked = self.ours._cache._tracked
        self.addCleanup(self.tracked.close)
        self.assertEqual(self.ours.get("version"), "first")
        self.reads = self.enterContext(mock.patch.object(self.tracked.client, "get", wraps=self.tracked.client.get))

    def wait_for_notice(self):
        """Wait for Redis's notice of a change on the tracking connection (it follows the write by microseconds)."""
        self.assertTrue(self.tracked.client.connection.can_read(timeout=5))

    def test_a_kept_value_is_read_again_only_when_another_process_changes_it(self):
        for _ in range(3):
            self.assertEqual(self.ours.get("version"), "first")
        self.assertEqual(self.reads.call_count, 0)
        self.theirs.set("version", "second")
        self.wait_for_notice()
        self.assertEqual(self.ours.get("version"), "second")
        self.theirs.delete("version")
        self.wait_for_notice()
        self.assertIsNone(self.ours.get("version"))
        self.assertEqual(self.reads.call_count, 2)

    def test_a_kept_value_is_read_again_after_a_second_without_notice(self):
        """A connection cut without closing brings no notices: a value is kept one second at most."""
        started = time.monotonic()
        with mock.patch("pagecache.rediscache.time.monotonic", return_value=started + 0.5):
            self.assertEqual(self.ours.get("version"), "first")
        self.assertEqual(self.reads.call_count, 0)
        with mock.patch("pagecache.rediscache.time.monotonic", return_value=started + 1.5):
            self.assertEqual(self.ours.get("version"), "first")
        self.assertEqual(self.reads.call_count, 1)

    def test_a_write_of_this_process_is_read_without_waiting_for_the_notice(self):
        with mock.patch.object(self.tracked.client.connection, "can_read", return_value=False):
            self.ours.set("version", "mine")
            self.assertEqual(self.ours.get("version"), "mine")
            self.ours.delete("version")
            self.assertIsNone(self.ours.get("version"))

    def test_a_lost_connection_keeps_nothing_read_on_it(self):
        """Notices sent while it was down are lost: the next read after the error reads Redis again."""
        self.theirs._cache.get_client(write=True).client_kill_filter(_id=self.tracked.client.client_id())
        self.theirs.set("version", "second")
        with self.assertRaises(redis.ConnectionError):
            self.ours.get("version")
        self.assertEqual(self.ours.get("version"), "second")

    def test_the_site_tracks_the_content_version(self):
        self.assertIn(cache.make_and_validate_key(VERSION_KEY), cache._cache._tracked.keys)


class FileCacheTests(SimpleTestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.ours = FileBasedCache(directory.name, {})
        self.djangos = filebased.FileBasedCache(directory.name, {})

    def test_keys_are_stored_in_the_files_djangos_backend_uses(self):
        """Workers of a release on Django's own backend share the directory during a deployment."""
        self.ours.set("page", "ours")
        self.assertEqual(self.djangos.get("page"), "ours")
        self.djangos.set("page", "django's", version=2)
        self.assertEqual((self.ours.get("page"), self.ours.get("page", version=2)), ("ours", "django's"))
        self.ours.delete("page")
        self.assertIsNone(self.djangos.get("page"))

    def test_a_key_is_made_and_validated_once(self):
        with mock.patch.object(self.ours, "make_and_validate_key", wraps=self.ours.make_and_validate_key) as make:
            for _ in range(3):
                self.ours.get("content-version")
        self.assertEqual(make.call_count, 1)


class PrivateTestCacheTests(SimpleTestCase):
    """Test processes share a Redis database (pytest-xdist workers, other runs): none empties another's keys."""

    def test_emptying_the_cache_between_tests_leaves_other_processes_keys(self):
        config = settings.CACHES["default"]
        other_location = config["LOCATION"]
        if config["BACKEND"].endswith("FileBasedCache"):
            other_location = self.enterContext(tempfile.TemporaryDirectory())
        other = import_string(config["BACKEND"])(other_location, {"KEY_PREFIX": "kormex-test-another-process"})
        self.addCleanup(other.delete, "page")
        other.set("page", "theirs")
        cache.set("page", "ours")

        empty_cache()

        self.assertIsNone(cache.get("page"))
        self.assertEqual(other.get("page"), "theirs")
        self.assertNotEqual(cache.make_key("page"), other.make_key("page"))
