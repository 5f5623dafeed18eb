"""The cache in tests: emptied of this process's keys only."""

from django.core.cache import cache


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
