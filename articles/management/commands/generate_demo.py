"""
Generate realistic synthetic interviews in bulk, for benchmarks and manual testing: people,
sources, and articles with their Q&A pairs and facts, themed with the seed's themes, and Spanish
and Korean translations of a share of them.
"""

import json
import time
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone, translation

from articles.management.demo.interviews import Demo
from articles.management.demo.translations import Translator
from articles.models import Article
from articles.search_index import index_new
from articles.signals import content_changed

from .load_seed import SEED_FILE, TRANSLATIONS_FILE

STATES = [Article.State.PUBLISHED, Article.State.SCHEDULED, Article.State.DRAFT]
# Articles written (and indexed) per transaction: memory stays bounded whatever --articles asks.
CHUNK = 1000
# PostgreSQL's GIN indexes in the schema.
GIN_INDEXES = (
    "SELECT index.oid FROM pg_class AS index JOIN pg_am AS method ON method.oid = index.relam"
    " WHERE method.amname = 'gin' AND index.relnamespace = current_schema()::regnamespace"
)


def share(value):
    """Parse --translated: a share from 0 to 1."""
    number = float(value)
    if not 0 <= number <= 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Add N synthetic articles (each with 12 Q&A pairs and 20 facts), their people and sources, "
        "themed with the seed's themes: published, scheduled and drafts, with Spanish and Korean "
        "translations of a share of them. For benchmarks and manual testing on a scratch database; "
        "it runs only with DJANGO_DEBUG=true."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100, help="How many articles to add (default 100).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed makes the same content.")
        parser.add_argument(
            "--translated",
            type=share,
            default=0.25,
            help="The share of articles translated into Spanish, and into Korean, from 0 to 1 (default 0.25).",
        )

    def handle(self, *args, articles, seed, translated=0.25, **options):
        if not settings.DEBUG:
            raise CommandError(
                "generate_demo fills the database with synthetic articles, so it refuses to run with DEBUG off "
                "(production settings). Run it against a scratch database with DJANGO_DEBUG=true."
            )
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        started, now = time.perf_counter(), timezone.now()
        demo = Demo(seed, now)
        translator = Translator(seed, now, translated, json.loads(TRANSLATIONS_FILE.read_text(encoding="utf-8")))
        states, counts = Counter(), Counter()
        # The figures and dates in the text read as the site writes them in English.
        with translation.override("en"):
            with transaction.atomic():
                demo.prepare(articles, json.loads(SEED_FILE.read_text(encoding="utf-8"))["themes"])
            for first in range(1, articles + 1, CHUNK):
                with transaction.atomic():
                    interviews = demo.create(first, min(first + CHUNK - 1, articles))
                    versions = translator.create(interviews)
                    # Bulk inserts send no signals: index the articles as the signal receivers would.
                    index_new(
                        [(i.article, [pair for pair, _ in i.pairs], [fact for fact, _ in i.facts]) for i in interviews]
                        + [(version.article, version.pairs, version.wordings) for version in versions]
                    )
                # With DEBUG on, every statement stays in the query log: a chunk's must not outlive it.
                connection.queries_log.clear()
                states.update(interview.article.state for interview in interviews)
                counts["pairs"] += sum(len(interview.pairs) for interview in interviews)
                counts["facts"] += sum(len(interview.facts) for interview in interviews)
                counts.update(version.article.language for version in versions)
        # Tell the page cache, as the signal receivers would.
        content_changed.send(sender=Article)
        # Fresh planner statistics, or the first pages after a bulk load run on plans made for empty tables;
        # and on PostgreSQL the entries a bulk load leaves pending in GIN indexes merged, as autovacuum would:
        # a planner that prices a long pending list reads the whole table instead (a search over 200
        # interviews took 42 ms instead of 23).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            if connection.vendor == "postgresql":
                cursor.execute(f"SELECT gin_clean_pending_list(oid) FROM ({GIN_INDEXES}) AS gin")
        made = ", ".join(f"{states[state]} {state}" for state in STATES)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {articles} articles ({made}), {counts['pairs']} Q&A pairs and {counts['facts']} facts, "
                f"and {counts['es']} Spanish and {counts['ko']} Korean translations "
                f"in {time.perf_counter() - started:.1f} s."
            )
        )
