"""
make bench-facets: the facet index (articles/facet_index.py) over generate_demo's interviews, in
this process with production settings, in a scratch database (SQLite in a temporary directory,
or --database-url, dropped and created again; --existing measures that database as it is). It
prints the index's build time, stored size and load time; the faceted pages' render times and
queries with the index and while it is missing (counting in the database); and, for the counts
that cost most, bitmaps against summary tables with covering indexes.
"""

import argparse
import pickle
import statistics
import time
from math import ceil

from bench.server import django_in_process

PAGES = {
    "home": "/",
    "theme": "/themes/{theme}/",
    "theme list": "/themes/",
    "facts, two themes and a year": "/facts/?theme={theme}&theme={other}&from={year}&to={year}",
    "facts, page 1": "/facts/",
    "facts, last page": "/facts/?page={facts_pages}",
    "articles, last page": "/articles/?page={articles_pages}",
    "timeline, a theme": "/timeline/?theme={theme}",
}
# Summary tables: each fact's themes, and its other facets, each table keyed for the lookups below.
SUMMARY_TABLES = [
    "CREATE TABLE bench_fact_theme (theme_id bigint, fact_id bigint, PRIMARY KEY (theme_id, fact_id))",
    "CREATE TABLE bench_fact_facets (fact_id bigint PRIMARY KEY, person_id bigint, source_id bigint, year int)",
]
SUMMARY_COUNTS = {
    "themes within a theme": (
        "SELECT b.theme_id, COUNT(*) FROM bench_fact_theme a JOIN bench_fact_theme b ON b.fact_id = a.fact_id"
        " WHERE a.theme_id = %s GROUP BY b.theme_id"
    ),
    "people within a theme": (
        "SELECT f.person_id, COUNT(*) FROM bench_fact_theme a JOIN bench_fact_facets f ON f.fact_id = a.fact_id"
        " WHERE a.theme_id = %s AND f.person_id IS NOT NULL GROUP BY f.person_id"
    ),
}


def median_ms(function, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def rss_mib():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def index_figures(runs):
    """Build, store and load the index; return its figures and the index."""
    from articles import facet_index
    from articles.versions import current_version

    token = current_version().token
    build_ms, index = median_ms(lambda: facet_index.build(token), 1)
    blob = pickle.dumps(index)
    before = rss_mib()
    load_ms, loaded = median_ms(lambda: pickle.loads(blob), runs)
    grown = rss_mib() - before
    del loaded
    facet_index.build_and_store(token)
    rows = ", ".join(f"{len(listing.ids):,} {name}" for name, listing in index.listings.items())
    return (
        f"index of {rows}: built in {build_ms:,.0f} ms, stored in {len(blob) / 2**20:.1f} MiB,"
        f" loaded by a worker in {load_ms:.0f} ms (about {grown:.0f} MiB of its memory)"
    ), index


def page_rows(client, values, runs):
    """Return (page, ms with the index, queries, ms counting, queries) for each of PAGES."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles import facet_index
    from articles.versions import VERSION_KEY, current_version

    def measured(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}.")
        # Read now: the log of queries is emptied at the start of each request.
        count = len(queries)
        return median_ms(lambda: client.get(url), runs)[0], count

    rows = {}
    for page, url in PAGES.items():
        rows[page] = measured(url.format(**values))
    # A new content version whose index another request is building: pages count in the database.
    cache.delete(VERSION_KEY)
    cache.add(facet_index.build_lock(current_version().token), True)
    return [(page, *rows[page], *measured(url.format(**values))) for page, url in PAGES.items()]


def summary_rows(index, theme, runs):
    """Return (count, ms from bitmaps, ms from summary tables) for SUMMARY_COUNTS, checking that they agree."""
    from django.db import connection
    from django.db.models.functions import ExtractYear

    from articles.facet_index import FACT_FACETS
    from articles.models import Fact, TaggedFact

    with connection.cursor() as cursor:
        for table in ("bench_fact_theme", "bench_fact_facets"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in SUMMARY_TABLES:
            cursor.execute(statement)
        # Filled by the database from the published facts' rows, as a summary would be kept.
        published = Fact.objects.published()
        facts, params = published.values("pk").query.sql_with_params()
        cursor.execute(
            f"INSERT INTO bench_fact_theme SELECT tag_id, content_object_id FROM {TaggedFact._meta.db_table}"
            f" WHERE content_object_id IN ({facts})",
            params,
        )
        rows = published.annotate(year=ExtractYear("date")).values_list("pk", "person", "article__source", "year")
        facets, params = rows.query.sql_with_params()
        cursor.execute(f"INSERT INTO bench_fact_facets {facets}", params)
        cursor.execute("ANALYZE")
    listing = index.listing(FACT_FACETS)
    selection = listing.select([("theme", theme)])
    bitmaps = {"themes within a theme": "theme", "people within a theme": "person"}
    rows = []
    for name, sql in SUMMARY_COUNTS.items():
        bitmap_ms, counted = median_ms(lambda facet=bitmaps[name]: listing.counts(facet, selection), runs)

        def summary(sql=sql):
            with connection.cursor() as cursor:
                cursor.execute(sql, [theme])
                return dict(cursor.fetchall())

        table_ms, from_tables = median_ms(summary, runs)
        if counted != from_tables:
            raise SystemExit(f"{name}: the bitmaps and the summary tables disagree.")
        rows.append((name, len(counted), bitmap_ms, table_ms))
    with connection.cursor() as cursor:
        for table in ("bench_fact_theme", "bench_fact_facets"):
            cursor.execute(f"DROP TABLE {table}")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="interviews generate_demo makes")
    parser.add_argument("--runs", type=int, default=5, help="renders of each page (the median is shown)")
    parser.add_argument("--database-url", help="a PostgreSQL database, dropped and created again, instead of SQLite")
    parser.add_argument(
        "--existing",
        action="store_true",
        help="measure --database-url as it is (generate_demo's data, migrated), without making it again",
    )
    args = parser.parse_args()
    if args.existing and not args.database_url:
        parser.error("--existing measures the database --database-url names.")
    with django_in_process(
        "kormex-bench-facets-", args.database_url, recreate=not args.existing, KORMEX_PAGE_CACHE="false"
    ):
        from django.core.management import call_command
        from django.test import Client, override_settings

        from articles.models import Article, Fact, Theme
        from articles.views.facts import FACTS_PER_PAGE
        from articles.views.pages import ARTICLES_PER_PAGE

        if not args.existing:
            # generate_demo refuses to run with DEBUG off, which the pages are measured with.
            with override_settings(DEBUG=True):
                call_command("generate_demo", articles=args.articles, verbosity=0)
        themes = list(Theme.objects.in_use().with_fact_counts().order_by("-fact_count")[:2])
        year = Fact.objects.published().exclude(date=None).order_by("date").values_list("date", flat=True)
        values = {
            "theme": themes[0].slug,
            "other": themes[1].slug,
            "year": year[year.count() // 2].year,
            "facts_pages": ceil(Fact.objects.published().count() / FACTS_PER_PAGE),
            "articles_pages": ceil(Article.objects.published().originals().count() / ARTICLES_PER_PAGE),
        }
        figures, index = index_figures(args.runs)
        print(figures)
        print(f"\n{'page':30}  {'indexed ms':>10}  {'queries':>7}  {'counted ms':>10}  {'queries':>7}")
        for page, indexed_ms, indexed_queries, counted_ms, counted_queries in page_rows(
            Client(HTTP_HOST="127.0.0.1"), values, args.runs
        ):
            print(f"{page:30}  {indexed_ms:>10.1f}  {indexed_queries:>7}  {counted_ms:>10.1f}  {counted_queries:>7}")
        print(f"\n{'counts of the busiest theme':30}  {'values':>7}  {'bitmaps ms':>10}  {'tables ms':>10}")
        for name, found, bitmap_ms, table_ms in summary_rows(index, themes[0].pk, args.runs):
            print(f"{name:30}  {found:>7}  {bitmap_ms:>10.2f}  {table_ms:>10.1f}")
        database = "PostgreSQL" if "postgres" in (args.database_url or "") else "SQLite"
        print(f"\n{database}; median of {args.runs}; the page cache off.")


if __name__ == "__main__":
    main()
