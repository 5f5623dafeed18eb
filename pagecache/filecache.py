"""Django's file-based cache, with each key's file name worked out once instead of on every call."""

from functools import lru_cache

from django.core.cache.backends import filebased


class FileBasedCache(filebased.FileBasedCache):
    """
    Django's backend makes, validates and hashes the key again on every call: about half of what a
    get() of the content version costs (docs/performance.md), read by the page cache on every request.
    A key's file name never changes, so the names of the most recently used keys are kept.
    """

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._key_to_file = lru_cache(maxsize=4096)(self._key_to_file)
