"""Django's Redis cache backend, with one redis-py client per connection pool instead of one per call."""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    """
    Django's client builds a new redis.Redis for every cache call, which costs most of what the
    GET itself does, and the page cache makes a call on every request (docs/performance.md). A
    redis.Redis may be shared between threads, and its pool opens new connections after a fork.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if (client := self._clients.get(id(pool))) is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
