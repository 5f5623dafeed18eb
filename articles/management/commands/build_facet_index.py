import time

from django.core.management.base import BaseCommand

from articles.facet_index import build_and_store
from articles.versions import current_version


class Command(BaseCommand):
    help = (
        "Build the facet index of the published content for the current content version and store "
        "it in the shared cache: after a deployment, a restore or an import, so that no reader's "
        "request waits for it."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        index = build_and_store(current_version().token)
        rows = ", ".join(f"{len(listing.ids)} {name}" for name, listing in index.listings.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {rows} and {len(index.theme_counts)} themes in {time.perf_counter() - started:.1f} s."
            )
        )
