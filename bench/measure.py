"""
Print, as one JSON object, each page's median render time in milliseconds and its number of
queries, rendered in this process through the whole middleware stack with the page cache off;
a page of LATER_PAGES that answers 404 at this data size is null.
Run by bench/run.py with the environment of the database to measure.
"""

import json
import statistics
import sys
import time

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.pages import LATER_PAGES, PAGES  # noqa: E402


def measure(renders):
    if settings.PAGE_CACHE:
        sys.exit("Set KORMEX_PAGE_CACHE=off: render times are measured without the page cache.")
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for name, url in PAGES.items():
        # The first render fills Django's template and URL caches, as a worker's first request does.
        response = client.get(url)
        if response.status_code == 404 and name in LATER_PAGES:
            results[name] = None
            continue
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}.")
        times = []
        for _ in range(renders):
            started = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        results[name] = {"render_ms": statistics.median(times) * 1000, "queries": len(queries)}
    return results


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 30)))
