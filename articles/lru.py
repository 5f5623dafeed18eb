"""Values kept in this process's memory up to a total weight, the least recently used dropped first."""

import threading
from collections import OrderedDict


class LRU:
    """Values by key, up to `limit` in total of `weigh(value)`; a value heavier than `limit` is not kept."""

    def __init__(self, limit, weigh=len):
        self.limit, self.weigh = limit, weigh
        self.size = 0
        self.entries = OrderedDict()
        # Threaded servers (runserver, gthread workers) share the values between threads.
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key, value):
        weight = self.weigh(value)
        if weight > self.limit:
            return
        with self.lock:
            if (old := self.entries.pop(key, None)) is not None:
                self.size -= self.weigh(old)
            self.entries[key] = value
            self.size += weight
            while self.size > self.limit:
                _, dropped = self.entries.popitem(last=False)
                self.size -= self.weigh(dropped)
