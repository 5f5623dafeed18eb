"""The cache backends: one Redis client, keys tracked for changes by other processes, and the file cache."""

import os
import tempfile
import time
from unittest import mock, skipUnless

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends import filebased
from django.test import SimpleTestCase
from django.utils.module_loading import import_string

from articles.versions import VERSION_KEY
from pagecache.filecache import FileBasedCache
from pagecache.rediscache import RedisCache

from .support.cache import ON_REDIS, empty_cache


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
