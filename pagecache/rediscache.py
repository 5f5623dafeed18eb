"""
Django's Redis cache backend, with one redis-py client per connection pool instead of one per
call, and values of a few keys kept in each process until Redis says they changed.
"""

import os
import time

import redis as redis_py
from django.core.cache.backends import redis

# How long a kept value is served without reading it again, notice or not: a connection that a
# network fault cut without closing brings no notices, and would otherwise keep a value forever.
KEPT_SECONDS = 1.0


class TrackedValues:
    """
    The values of `keys`, read once and kept in this process until Redis tells it one of them
    changed: Redis's client-side caching, in its broadcasting mode (CLIENT TRACKING … BCAST). They
    are read on a connection of their own, the one Redis sends its notices to, so that the values
    and the notices of their changes arrive in the order Redis made them; before each read, the
    notices that have arrived drop every kept value. A write by this process drops them as well
    (RedisCacheClient.get_client), without waiting for the notice of its own change, and a value
    is read again after KEPT_SECONDS whatever happens.

    The page cache reads the content version on every request (pagecache/middleware.py): kept
    here, a cache hit costs no call to Redis.
    """

    def __init__(self, url, keys):
        self.url, self.keys = url, frozenset(keys)
        self.client, self.pid, self.values = None, None, {}

    def get(self, key):
        """Return the bytes Redis holds under `key` (None if none), kept while Redis says nothing changed."""
        try:
            client = self.tracking()
            while client.connection.can_read(timeout=0):
                client.connection.read_response(push_request=True)
                self.values.clear()
            now = time.monotonic()
            if key not in self.values or now - self.values[key][1] > KEPT_SECONDS:
                self.values[key] = (client.get(key), now)
            return self.values[key][0]
        except Exception:
            # The connection may have missed notices: nothing read on it is kept.
            self.close()
            raise

    def tracking(self):
        """Return this process's tracking client, connected anew in a new worker or after a lost connection."""
        if self.client is None or self.pid != os.getpid():
            self.values.clear()
            client = redis_py.Redis.from_url(self.url, protocol=3, single_connection_client=True, socket_keepalive=True)
            prefixes = [word for key in sorted(self.keys) for word in ("PREFIX", key)]
            client.execute_command("CLIENT", "TRACKING", "ON", "BCAST", *prefixes)
            self.client, self.pid = client, os.getpid()
        return self.client

    def forget(self):
        self.values.clear()

    def close(self):
        # A process forked from the one that connected leaves the parent's socket alone.
        if self.client is not None and self.pid == os.getpid():
            self.client.close()
        self.client, self.values = None, {}


class RedisCacheClient(redis.RedisCacheClient):
    """
    Django's client builds a new redis.Redis for every cache call, which costs most of what the
    GET itself does, and the page cache makes a call on every request (docs/performance.md). A
    redis.Redis may be shared between threads, and its pool opens new connections after a fork.
    Django makes a backend, hence a client, per thread, so each thread keeps its own TrackedValues.
    """

    def __init__(self, servers, *, tracked_keys=(), **options):
        super().__init__(servers, **options)
        self._clients = {}
        # Read where Django's client reads: the first server, or one replica picked for this client.
        server = self._servers[self._get_connection_pool_index(write=False)]
        self._tracked = TrackedValues(server, tracked_keys)

    def get_client(self, key=None, *, write=False):
        if write:
            self._tracked.forget()
        pool = self._get_connection_pool(write)
        if (client := self._clients.get(id(pool))) is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def get(self, key, default):
        if key not in self._tracked.keys:
            return super().get(key, default)
        value = self._tracked.get(key)
        return default if value is None else self._serializer.loads(value)


class RedisCache(redis.RedisCache):
    """
    Django's Redis backend with the client above. OPTIONS' "tracked_keys" names the keys (as
    given to get()) each process keeps until Redis says they changed (TrackedValues).
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        tracked = self._options.get("tracked_keys", ())
        self._options = {**self._options, "tracked_keys": [self.make_and_validate_key(key) for key in tracked]}
