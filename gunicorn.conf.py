"""gunicorn settings for Kormex; each can be overridden on the command line or by GUNICORN_CMD_ARGS."""

import ctypes
import ctypes.util
import multiprocessing
import os

# mallopt()'s parameter for the size from which glibc serves an allocation by its own mmap.
M_MMAP_THRESHOLD = -3

wsgi_app = "kormex.wsgi"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The usual rule for synchronous workers: two per core, plus one.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_fork(server, worker):
    """
    Hold glibc's mmap threshold at its default of 128 KiB. glibc raises it to the size of each
    big buffer freed, after which the next big buffers (the facet index as the cache hands it
    over) come from the heap and leave holes there that it does not give back: 3 MiB more a
    worker at 20,000 interviews, 10 MiB more once a worker has read the index twice
    (docs/performance.md). Other C libraries have no mallopt() and are left as they are.
    """
    if (name := ctypes.util.find_library("c")) and (mallopt := getattr(ctypes.CDLL(name), "mallopt", None)):
        mallopt(M_MMAP_THRESHOLD, 128 * 1024)
