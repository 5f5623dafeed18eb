import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from .support.cache import empty_cache


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """
    Give the suite a cache of its own: files apart from those of a server running from this
    checkout; on Redis, keys under a prefix of this process's own (kormex-test-<pid>), so that
    pytest-xdist workers, and other runs on the same Redis database, never read or empty one
    another's keys.
    """
    default = settings.CACHES["default"]
    if default["BACKEND"].endswith("FileBasedCache"):
        private = {"LOCATION": str(tmp_path_factory.mktemp("cache"))}
    else:
        private = {"KEY_PREFIX": f"kormex-test-{os.getpid()}"}
    with override_settings(CACHES={"default": {**default, **private}}):
        yield
        empty_cache()


@pytest.fixture(autouse=True)
def empty_cache_first():
    """Start each test with an empty cache: the database is rolled back, so cached pages are stale."""
    empty_cache()


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """
    Build the hashed static manifest that {% static %} needs with DEBUG off, as in production, in
    a directory of this run's own: a run collecting into the checkout's staticfiles/ replaced the
    files another run (or a server from this checkout) was serving.
    """
    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("static")):
        call_command("collectstatic", "--noinput", verbosity=0)
        yield


@pytest.fixture(scope="session", autouse=True)
def private_media(tmp_path_factory):
    """Keep the pictures tests upload in a directory of this run's own, not the checkout's var/media."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request to /es/ or /ko/ leaves its language active in the thread: start each test in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
