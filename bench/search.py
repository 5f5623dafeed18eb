"""
make bench-search: the reader search over a corpus in three languages, in a scratch database
(SQLite in a temporary directory, or --database-url, dropped and created again). generate_demo
makes the English interviews; the first --spanish and --korean of them get a translation each,
its pairs and fact wordings made of the seed's Spanish or Korean sentences. It prints the time
to rebuild the index, its size on PostgreSQL, the search page's median render time and queries
per language (page cache off), and for Korean words the time to find them by syllable pairs
(the index), by ILIKE over the text, and on PostgreSQL by ILIKE served by a pg_trgm index (made
in the scratch database only, when the extension is available).
"""

import argparse
import json
import random
import re
import statistics
import time

from bench.server import django_in_process

# A common and a rarer word of each language, as a reader would type them.
QUERIES = {
    "en": ["investment", "battery plants"],
    "es": ["inversiones", "cooperación espacial"],
    "ko": ["협력", "우주 협력"],
}
KOREAN_WORDS = ["협력", "투자", "멕시코", "재생에너지"]


def timed(function, runs):
    """
    Return the medians of `runs` timings of function() in ms: elapsed, and the CPU time of this
    process, which a busy machine inflates less (the database's own work is not in it on PostgreSQL).
    """
    times, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return statistics.median(times), statistics.median(cpu)


def sentences(text):
    return [part.strip() + "." for paragraph in text.split("\n\n") for part in paragraph.split(".") if part.strip()]


def translate(originals, language, rng):
    """Create a published translation into `language` of each of `originals`, of the seed's sentences in it."""
    from articles.management.commands.load_seed import SEED_FILE
    from articles.models import Article, FactWording, QAPair

    seed = json.loads((SEED_FILE.parent / "translations.json").read_text(encoding="utf-8"))["languages"][language]
    pool = [sentence for pair in seed["pairs"] for sentence in sentences(pair["answer"])]
    prompts = [pair["prompt"] for pair in seed["pairs"]]
    versions = Article.objects.bulk_create(
        Article(
            title=f"{seed['title']} {number}",
            slug=f"{language}-{original.slug}"[:200],
            standfirst=seed["standfirst"],
            intro=seed["intro"],
            language=language,
            translation_of=original,
            interviewee_id=original.interviewee_id,
            status=original.status,
            published_at=original.published_at,
        )
        for number, original in enumerate(originals, 1)
    )
    pairs, wordings = [], []
    for original, version in zip(originals, versions, strict=True):
        translated = {}
        for pair in original.pairs.all():
            answer = " ".join(rng.sample(pool, 4))
            translated[pair.pk] = QAPair(
                article=version,
                original=pair,
                position=pair.position,
                anchor=pair.anchor,
                prompt=rng.choice(prompts),
                answer=answer,
            )
            pairs.append(translated[pair.pk])
        for fact in original.facts.all():
            text = translated[fact.pair_id].answer if fact.pair_id else version.intro
            wordings.append(FactWording(article=version, fact=fact, statement=text[:80], quote=text[:30]))
    QAPair.objects.bulk_create(pairs, batch_size=1000)
    FactWording.objects.bulk_create(wordings, batch_size=1000)
    return len(versions)


def build(articles, spanish, korean):
    from django.core.management import call_command
    from django.test import override_settings

    from articles.models import Article

    # generate_demo refuses to run with DEBUG off, which the pages are measured with. Its own
    # translations are left out: --spanish and --korean say how many this corpus has.
    with override_settings(DEBUG=True):
        call_command("generate_demo", articles=articles, translated=0, verbosity=0)
    originals = list(Article.objects.order_by("pk").prefetch_related("pairs", "facts"))
    rng = random.Random(1)
    translate(originals[:spanish], "es", rng)
    translate(originals[:korean], "ko", rng)


def index_figures(postgres):
    """Return the time to rebuild the index, its entries and, on PostgreSQL, its size and its GIN index's."""
    from django.db import connection

    from articles.search_index import rebuild

    started = time.perf_counter()
    entries = rebuild()
    seconds = time.perf_counter() - started
    sizes = ""
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute(
                "SELECT pg_size_pretty(pg_total_relation_size('articles_searchentry')),"
                " pg_size_pretty(pg_relation_size('searchentry_document_gin'))"
            )
            total, gin = cursor.fetchone()
        sizes = f"; table with its indexes {total}, of which the GIN index {gin}"
    return f"rebuild_search_index: {entries} entries in {seconds:.1f} s{sizes}"


def page_rows(runs):
    """Return (language, query, results, median ms and CPU ms, queries) for each query on its language's search page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    for language, queries in QUERIES.items():
        prefix = "" if language == "en" else f"/{language}"
        for query in queries:
            url = f"{prefix}/search/"
            client.get(url, {"q": query})
            ms, cpu = timed(lambda url=url, query=query: client.get(url, {"q": query}), runs)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url, {"q": query})
            # Each type's count, "(2855)", or past the bound "(more than 1000)" in the page's language.
            counts = re.findall(r'class="count">\(([^)]*)\)', response.content.decode())
            total = str(sum(int(re.search(r"\d+", found)[0]) for found in counts))
            if not all(found.isdigit() for found in counts):
                total += "+"
            rows.append((language, query, total, ms, cpu, len(captured)))
    return rows


def count(sql, params):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def korean_rows(runs, postgres):
    """Return (word, method, matches, median ms) for each Korean word and way of finding it among Korean entries."""
    from articles.search_text import query_terms

    text = "SELECT count(*) FROM articles_searchentry WHERE language = 'ko' AND (heading {op} %s OR body {op} %s)"
    like = "ILIKE" if postgres else "LIKE"
    methods = {}
    for word in KOREAN_WORDS:
        terms = query_terms(word, "ko")
        if postgres:
            tsquery = " & ".join(f"'{term}'" for term in terms)
            methods[word, "syllable pairs (GIN)"] = (
                "SELECT count(*) FROM articles_searchentry WHERE language = 'ko'"
                " AND document @@ to_tsquery('simple', %s)",
                [tsquery],
            )
        else:
            condition = " AND ".join(["(heading_terms LIKE %s OR body_terms LIKE %s)"] * len(terms))
            methods[word, "syllable pairs (LIKE)"] = (
                f"SELECT count(*) FROM articles_searchentry WHERE language = 'ko' AND {condition}",
                [f"% {term} %" for term in terms for _ in range(2)],
            )
        methods[word, f"{like} over the text"] = (text.format(op=like), [f"%{word}%"] * 2)
    rows = [
        (word, method, count(sql, params), timed(lambda s=sql, p=params: count(s, p), runs)[0])
        for (word, method), (sql, params) in methods.items()
    ]
    if postgres:
        rows.extend(trigram_rows(runs, text))
    return rows


def trigram_rows(runs, text):
    """Return the rows of ILIKE served by pg_trgm GIN indexes, made here; none without the extension."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if not cursor.fetchone()[0]:
            return [("-", "pg_trgm not available", 0, 0.0)]
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        started = time.perf_counter()
        for column in ["heading", "body"]:
            cursor.execute(
                f"CREATE INDEX bench_trgm_{column} ON articles_searchentry USING gin ({column} gin_trgm_ops)"
            )
        built = time.perf_counter() - started
        cursor.execute("ANALYZE articles_searchentry")
        cursor.execute(
            "SELECT pg_size_pretty(pg_relation_size('bench_trgm_heading') + pg_relation_size('bench_trgm_body'))"
        )
        size = cursor.fetchone()[0]
    sql = text.format(op="ILIKE")
    rows = [
        (
            word,
            "ILIKE with pg_trgm",
            count(sql, [f"%{word}%"] * 2),
            timed(lambda w=word: count(sql, [f"%{w}%"] * 2), runs)[0],
        )
        for word in KOREAN_WORDS
    ]
    return [*rows, ("-", f"pg_trgm indexes: built in {built:.1f} s, {size}", 0, 0.0)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="English interviews generate_demo makes")
    parser.add_argument("--spanish", type=int, default=1000, help="of them, how many get a Spanish translation")
    parser.add_argument("--korean", type=int, default=1000, help="of them, how many get a Korean translation")
    parser.add_argument("--runs", type=int, default=5, help="runs of each page or query (the median is shown)")
    parser.add_argument("--database-url", help="a PostgreSQL database, dropped and created again, instead of SQLite")
    args = parser.parse_args()
    # The page cache off, to measure rendering.
    with django_in_process("kormex-bench-search-", args.database_url, KORMEX_PAGE_CACHE="false"):
        started = time.perf_counter()
        build(args.articles, args.spanish, args.korean)
        print(
            f"corpus: {args.articles} English interviews, {args.spanish} Spanish and {args.korean} Korean translations,"
            f" made and indexed in {time.perf_counter() - started:.0f} s"
        )
        print(index_figures(bool(args.database_url)))
        pages = page_rows(args.runs)
        korean = korean_rows(args.runs, bool(args.database_url))
    print(f"\n{'page':4}  {'query':22}  {'results':>14}  {'ms':>7}  {'CPU ms':>7}  {'queries':>7}")
    for language, query, results, ms, cpu, queries in pages:
        print(f"{language:4}  {query:22}  {results:>14}  {ms:>7.1f}  {cpu:>7.1f}  {queries:>7}")
    print(f"\n{'Korean word':12}  {'method':40}  {'matches':>7}  {'ms':>7}")
    for word, method, matches, ms in korean:
        print(f"{word:12}  {method:40}  {matches:>7}  {ms:>7.1f}")
    print(f"\nmedian of {args.runs}; {'PostgreSQL' if args.database_url else 'SQLite'}.")


if __name__ == "__main__":
    main()
