"""
make bench-admin-lists: every admin changelist (unfiltered, through each option of each sidebar
filter, and searched) and every autocomplete, in this process through the whole middleware stack
with production settings, over generate_demo's interviews in a scratch database (SQLite in a
temporary directory, or --database-url, dropped and created again; --existing measures that
database as it is instead); --search WORD searches every list for WORD too. For each page: the
median time of its renders, its queries and, for a filter, how many options its sidebar offers, for
a search how many rows it lists; rows over --limit ms are marked.
"""

import argparse
import re
import secrets
import statistics
import time
from urllib.parse import urlencode

from bench.server import django_in_process

WORD = re.compile(r"[^\W\d_]{4,}")


def timed(client, url, runs):
    """Return the median time of `runs` renders of `url` in ms (one if the first is slow), and its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        times = [(time.perf_counter() - started) * 1000]
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}.")
    count = len(queries)
    # A page that takes seconds is not made more exact by repeating it.
    for _ in range(runs - 1 if times[0] < 2000 else 0):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), count, response


def search_term(model_admin):
    """Return a word an editor could search `model_admin`'s list for: one of its middle row's first search field."""
    if not model_admin.search_fields:
        return None
    field = model_admin.search_fields[0].lstrip("^=@")
    values = model_admin.model._default_manager.order_by("pk").values_list(field, flat=True)
    middle = values[values.count() // 2 : values.count() // 2 + 1]
    words = WORD.findall(str(middle[0])) if middle else []
    return words[0].lower() if words else "trade"


def changelist_rows(client, model_admin, runs, words=()):
    """
    Return (page, options, ms, queries) for the list unfiltered, each filter's middle option, a
    search for a word of its rows, and a search for each of `words`.
    """
    opts = model_admin.model._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/"
    ms, queries, response = timed(client, url, runs)
    rows = [(f"{opts.model_name}", "", ms, queries)]
    changelist = response.context_data["cl"]
    for spec in changelist.filter_specs:
        choices = list(spec.choices(changelist))[1:]
        title = f"{opts.model_name} by {spec.title}"
        if not choices:
            rows.append((title, 0, 0.0, 0))
            continue
        query = choices[len(choices) // 2]["query_string"]
        ms, queries, _ = timed(client, f"{url}{query}", runs)
        rows.append((title, len(choices), ms, queries))
    term = search_term(model_admin)
    for word in [term, *words] if term else []:
        ms, queries, response = timed(client, f"{url}?{urlencode({'q': word})}", runs)
        rows.append((f"{opts.model_name} search {word!r}", response.context_data["cl"].result_count, ms, queries))
    return rows


def autocomplete_rows(client, model_admin, runs):
    """Return (page, options, ms, queries) for each autocomplete of the model's forms, empty and with a term."""
    opts = model_admin.model._meta
    rows = []
    for name in model_admin.autocomplete_fields:
        remote = model_admin.admin_site.get_model_admin(opts.get_field(name).remote_field.model)
        for term in ["", search_term(remote)]:
            query = {"app_label": opts.app_label, "model_name": opts.model_name, "field_name": name, "term": term}
            ms, queries, response = timed(client, f"/admin/autocomplete/?{urlencode(query)}", runs)
            results = len(response.json()["results"])
            rows.append((f"autocomplete {opts.model_name}.{name} {term!r}", results, ms, queries))
    return rows


def measure(runs, words):
    """Sign an editor in; return a row of figures for each page, and the size of the data."""
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.test import Client

    from articles.models import Article, Fact, QAPair

    editor = get_user_model().objects.filter(username="bench-admin-lists").first()
    editor = editor or get_user_model().objects.create_superuser(
        "bench-admin-lists", "bench@example.org", secrets.token_urlsafe()
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(editor)
    # The first request fills Django's template and URL caches, as a worker's first request does.
    client.get("/admin/")
    rows = []
    for model_admin in admin.site._registry.values():
        rows.extend(changelist_rows(client, model_admin, runs, words))
        rows.extend(autocomplete_rows(client, model_admin, runs))
    sizes = (
        f"{Article.objects.filter(translation_of=None).count()} interviews,"
        f" {Article.objects.count()} articles with translations, {QAPair.objects.count()} pairs,"
        f" {Fact.objects.count()} facts"
    )
    return rows, sizes


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="interviews generate_demo makes")
    parser.add_argument("--runs", type=int, default=3, help="renders of each page (the median is shown)")
    parser.add_argument("--limit", type=int, default=500, help="mark the pages slower than this, in ms")
    parser.add_argument(
        "--search", action="append", default=[], metavar="WORD", help="search each list for WORD too (repeatable)"
    )
    parser.add_argument("--database-url", help="a PostgreSQL database, dropped and created again, instead of SQLite")
    parser.add_argument(
        "--existing",
        action="store_true",
        help="measure --database-url as it is (generate_demo's data, migrated), without making it again",
    )
    args = parser.parse_args()
    if args.existing and not args.database_url:
        parser.error("--existing measures the database --database-url names.")
    with django_in_process("kormex-bench-admin-lists-", args.database_url, recreate=not args.existing):
        from django.core.management import call_command
        from django.test import override_settings

        if not args.existing:
            # generate_demo refuses to run with DEBUG off, which the pages are measured with.
            with override_settings(DEBUG=True):
                call_command("generate_demo", articles=args.articles, verbosity=0)
        rows, sizes = measure(args.runs, args.search)
    print(f"{'page':58}  {'count':>7}  {'ms':>7}  {'queries':>7}")
    for page, options, ms, queries in rows:
        mark = "  OVER" if ms > args.limit else ""
        print(f"{page[:58]:58}  {options:>7}  {ms:>7.0f}  {queries:>7}{mark}")
    slow = sum(ms > args.limit for _, _, ms, _ in rows)
    print(f"{sizes}; median of {args.runs}; {slow} of {len(rows)} pages over {args.limit} ms;", end=" ")
    print("PostgreSQL." if "postgres" in (args.database_url or "") else "SQLite.")


if __name__ == "__main__":
    main()
