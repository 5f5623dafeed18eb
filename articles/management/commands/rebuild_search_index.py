import time

from django.core.management.base import BaseCommand

from articles.search_index import rebuild


class Command(BaseCommand):
    help = (
        "Make the reader search's index anew from every article, pair and fact wording: after a "
        "restore, or after a change to how search_text.py normalises words."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        entries = rebuild()
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {entries} search entries in {time.perf_counter() - started:.1f} s.")
        )
