"""
The page cache: every public page, feed and export served from it with its validators, never a
page for staff or a preview, and the site working on when the cache does not answer.
"""

from unittest import mock, skipUnless

import redis
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Fact
from articles.versions import VERSION_KEY
from pagecache.middleware import LOCAL_PAGES, StoredPage, page_key

from .support.cache import ON_REDIS, CachedContentTestCase
from .support.factories import ArticleFactory


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
