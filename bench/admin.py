"""
make bench-admin: time the article change page of a long interview and of an ordinary one, in
this process through the whole middleware stack with production settings, in a scratch database
(SQLite in a temporary directory, or --database-url). For each page: the median time of its
renders or saves (elapsed, and the CPU time of this process, which a busy machine inflates less),
its queries, the size of the HTML and the peak memory the request allocated.
A save posts the page as a browser would, with one answer and one fact statement edited.
"""

import argparse
import secrets
import statistics
import sys
import time
import tracemalloc
from html.parser import HTMLParser

from bench.server import django_in_process


class FormReader(HTMLParser):
    """Read what a browser would post from the form `form_id` of an admin page, inline templates left out."""

    def __init__(self, html, form_id):
        super().__init__()
        self.form_id, self.inside, self.data, self.textarea, self.select = form_id, False, [], None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        name = attrs.get("name") or ""
        if not self.inside or "__prefix__" in name:
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "checkbox", "radio"):
            self.data.append((name, attrs.get("value") or ""))
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio") and "checked" in attrs:
            self.data.append((name, attrs.get("value") or "on"))
        elif tag == "textarea":
            self.textarea = [name, ""]
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.append((self.select, attrs.get("value") or ""))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            # A browser drops the newline that follows <textarea>.
            name, text = self.textarea
            self.data.append((name, text.removeprefix("\n")))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def create_interview(title, pairs, facts_per_pair, themes, people):
    """Create a published interview of `pairs` pairs and `facts_per_pair` facts each, all themed; return it."""
    from django.utils import timezone
    from django.utils.text import slugify

    from articles.models import Article, Fact, QAPair, TaggedArticle, TaggedFact, TaggedQAPair

    article = Article.objects.create(
        title=title,
        slug=slugify(title),
        intro="The minister spoke in Seoul in 2024 about trade worth $19.8 billion.",
        interviewee=people[0],
        interviewer=people[1],
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    TaggedArticle.objects.bulk_create(TaggedArticle(content_object=article, tag=theme) for theme in themes[:2])
    rows = QAPair.objects.bulk_create(
        QAPair(
            article=article,
            position=n,
            anchor=f"sector-{n}",
            prompt=f"What happens next in sector {n} of the trade agenda?",
            answer="\n\n".join(
                f"In {2000 + n % 25} exports of sector {n} reached ${n}.{k} billion, and {n * 10 + k} companies "
                "took part in the programme that both governments agreed on."
                for k in range(facts_per_pair)
            ),
        )
        for n in range(1, pairs + 1)
    )
    TaggedQAPair.objects.bulk_create(
        TaggedQAPair(content_object=pair, tag=themes[(pair.position + k) % len(themes)])
        for pair in rows
        for k in range(2)
    )
    facts = Fact.objects.bulk_create(
        Fact(
            article=article,
            pair=pair,
            statement=f"Sector {pair.position} exported ${pair.position}.{k} billion.",
            quote=f"reached ${pair.position}.{k} billion",
            value=f"{pair.position}.{k}",
            unit="USD billion",
            person=people[0] if k == 0 else None,
        )
        for pair in rows
        for k in range(facts_per_pair)
    )
    TaggedFact.objects.bulk_create(TaggedFact(content_object=fact, tag=themes[fact.pk % len(themes)]) for fact in facts)
    Fact.objects.create(article=article, statement="Trade was worth $19.8 billion.", quote="$19.8 billion")
    return article


def timed(function, runs):
    """Return the median of `runs` timings of function() in ms, then the queries, KiB and peak MiB of one more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = function()
    # Read now: the next request empties the log the count is read from.
    count = len(queries)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(times), statistics.median(cpu), count, len(response.content) // 1024, peak


def saves(client, url):
    """Return a function that posts the change page at `url` as it opens, its first answer and fact edited."""
    serials = iter(range(10**6))

    def save():
        data = FormReader(client.get(url).content.decode(), "article_form").data
        serial = next(serials)
        edits = {"pairs-0-answer": f"\n\nA later addition, number {serial}.", "facts-1-statement": f" (edit {serial})"}
        posted = {}
        for name, value in data:
            posted.setdefault(name, []).append(value + edits.get(name, ""))
        return lambda: client.post(url, posted)

    return save


def timed_saves(save, runs):
    """As timed(), for the posts that successive save() calls prepare (opening the page is not timed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu = [], []
    for _ in range(runs):
        post = save()
        started, cpu_started = time.perf_counter(), time.process_time()
        response = post()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        if response.status_code != 302:
            sys.exit("A save was refused.")
    post = save()
    with CaptureQueriesContext(connection) as queries:
        post()
    count = len(queries)
    post = save()
    tracemalloc.start()
    post()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(times), statistics.median(cpu), count, 0, peak


def measure(runs, pairs, facts_per_pair):
    """Create the interviews and an editor; return a row of figures for each page, and what was measured."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from articles.models import Person, Theme

    themes = [Theme.objects.create(name=f"Theme {n}", slug=f"theme-{n}") for n in range(8)]
    people = [Person.objects.create(name=f"Person {n}", slug=f"person-{n}") for n in range(2)]
    articles = {
        "ordinary": create_interview("An ordinary interview", 12, 3, themes, people),
        "long": create_interview("A long interview", pairs, facts_per_pair, themes, people),
    }
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", secrets.token_urlsafe())
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(editor)
    # The first request fills Django's template and URL caches, as a worker's first request does.
    client.get("/admin/articles/article/add/")
    rows = []
    for label, article in articles.items():
        change = f"/admin/articles/article/{article.pk}/change/"
        last_page = (article.pairs.count() + 19) // 20
        for page in sorted({1, (last_page + 1) // 2, last_page}):
            url = f"{change}?page={page}"
            rows.append((f"{label}: open page {page}", *timed(lambda url=url: client.get(url), runs)))
        rows.append((f"{label}: save page 1", *timed_saves(saves(client, f"{change}?page=1"), runs)))
    rows.append(("add page", *timed(lambda: client.get("/admin/articles/article/add/"), runs)))
    long = articles["long"]
    return rows, f"long: {long.pairs.count()} pairs and {long.facts.count()} facts; ordinary: 12 pairs and 37 facts"


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=300, help="pairs of the long interview")
    parser.add_argument("--facts", type=int, default=3, help="facts of each of its pairs")
    parser.add_argument("--runs", type=int, default=5, help="renders or saves of each page (the median is shown)")
    parser.add_argument("--database-url", help="a PostgreSQL database, dropped and created again, instead of SQLite")
    args = parser.parse_args()
    with django_in_process("kormex-bench-admin-", args.database_url):
        rows, sizes = measure(args.runs, args.pairs, args.facts)
    print(f"{'page':26}  {'ms':>7}  {'CPU ms':>7}  {'queries':>7}  {'KiB':>6}  {'peak MiB':>8}")
    for name, ms, cpu, queries, size, peak in rows:
        print(f"{name:26}  {ms:>7.0f}  {cpu:>7.0f}  {queries:>7}  {size or '':>6}  {peak:>8.1f}")
    print(f"{sizes}; median of {args.runs}; {'PostgreSQL' if args.database_url else 'SQLite'}.")


if __name__ == "__main__":
    main()
