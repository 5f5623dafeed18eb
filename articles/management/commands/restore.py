from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.search_index import rebuild


class Command(BaseCommand):
    help = (
        "Load a file written by `backup` into a migrated database, all or nothing. Restore into "
        "an empty database (after `migrate`): rows with the same natural keys are overwritten. The "
        "search index, which backups leave out, is made anew."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    @transaction.atomic
    def handle(self, *args, file, **options):
        call_command("loaddata", file, verbosity=0)
        rebuild()
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
