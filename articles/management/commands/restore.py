from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load a file written by `backup` into a migrated database, all or nothing. Restore into "
        "an empty database (after `migrate`): rows with the same natural keys are overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    @transaction.atomic
    def handle(self, *args, file, **options):
        call_command("loaddata", file, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
