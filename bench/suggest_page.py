"""
make bench-importer (second table): time the admin's "Suggest facts" page on a long interview, in
a scratch database (SQLite in a temporary file, or --database-url): an interview of --pairs pairs
whose prompts and answers state three figures each, rendered (GET) and then accepted in full (a
POST ticking every suggestion, each given a theme, rolled back after each run). Prints, for each,
the best of three runs in wall-clock and in CPU time of this process (steadier on a busy
machine; it leaves out the database server's own time on PostgreSQL) and the queries made.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path


def figures(n):
    return (
        f"Trade reached ${n}.{n % 10} billion in 2023, up {n % 40 + 1}% from 2022, "
        f"and {1000 + n:,} jobs were created last June."
    )


def set_up(database_url, workdir):
    """Configure Django on a scratch database and migrate it."""
    os.environ.setdefault("DJANGO_DEBUG", "true")
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_CACHE_DIR"] = str(workdir / "cache")
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kormex.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    if database_url:
        call_command("flush", "--noinput", verbosity=0)


def interview(pairs):
    """Create a draft interview of `pairs` pairs, each stating three figures in its prompt and three in its answer."""
    from articles.models import Article, Person, QAPair

    article = Article.objects.create(
        title="A long interview",
        slug="a-long-interview",
        interviewee=Person.objects.create(name="Sang Min Lee", slug="sang-min-lee"),
        interviewer=Person.objects.create(name="Ana Ruiz", slug="ana-ruiz"),
        original_date="2024-10-01",
        original_date_precision="day",
    )
    QAPair.objects.bulk_create(
        QAPair(article=article, position=n, anchor=f"q{n}", prompt=f"{figures(n + 5000)} Why?", answer=figures(n))
        for n in range(1, pairs + 1)
    )
    return article


def accept_all(formset):
    """Return the POST data that accepts every suggestion of `formset` as shown, each with a theme."""
    data = {f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()}
    for form in formset.forms:
        for name in form.fields:
            value = form[name].value()
            data[form.add_prefix(name)] = "" if value is None else str(value)
        data[form.add_prefix("accept")] = "on"
        data[form.add_prefix("themes")] = "Trade and the FTA"
    return data


def measure(call):
    """Return `call`'s last response, its best wall-clock and CPU times of three runs, and its queries."""
    from django.db import connection

    walls, cpus, queries = [], [], []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    for _ in range(3):
        queries.clear()
        with connection.execute_wrapper(count):
            wall, cpu = time.perf_counter(), time.process_time()
            response = call()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
    return response, min(walls), min(cpus), len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=150, help="pairs of the interview (6 suggestions a pair)")
    parser.add_argument("--database-url", help="a scratch PostgreSQL database (emptied first) instead of SQLite")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="kormex-bench-suggest-"))
    try:
        set_up(args.database_url, workdir)
        rows = run(args.pairs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{'':16}  {'suggestions':>11}  {'wall ms':>8}  {'CPU ms':>8}  {'queries':>7}")
    for name, (suggestions, wall, cpu, queries) in rows.items():
        print(f"{name:16}  {suggestions:>11}  {wall * 1000:>8.0f}  {cpu * 1000:>8.0f}  {queries:>7}")


def run(pairs):
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment
    from django.urls import reverse

    from articles.models import Fact

    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench")
    article = interview(pairs)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    url = reverse("admin:articles_article_suggest_facts", args=[article.pk])
    page, *shown = measure(lambda: client.get(url))
    if page.status_code != 200:
        sys.exit(f"The page answered {page.status_code}.")
    # Once more in the test environment, whose responses carry their context (and which slows rendering).
    setup_test_environment()
    formset = client.get(url).context["formset"]
    teardown_test_environment()
    data, suggestions = accept_all(formset), len(formset.forms)

    class Undo(Exception):
        pass

    def accept():
        try:
            with transaction.atomic():
                response = client.post(url, data)
                if response.status_code != 302:
                    errors = re.findall(r'<ul class="errorlist.*?</ul>', response.content.decode())
                    sys.exit(f"Accepting answered {response.status_code}: {errors[:3]}")
                if Fact.objects.filter(article=article).count() != suggestions:
                    sys.exit("Accepting did not create a fact for each suggestion.")
                raise Undo
        except Undo:
            return response

    _, *accepted = measure(accept)
    return {"page (GET)": (suggestions, *shown), "accept all (POST)": (suggestions, *accepted)}


if __name__ == "__main__":
    main()
