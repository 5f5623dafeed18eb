from django.core.management import call_command
from django.core.management.base import BaseCommand

# Content types and permissions are rebuilt by `migrate`; sessions are not worth keeping; the
# search index is made from the content again by `restore`.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "articles.SearchEntry"]


class Command(BaseCommand):
    help = (
        "Write everything Kormex holds (content, themes, people, users and groups, the version "
        "history and the admin log) to a JSON file that `restore` reads back."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup (.json, or .json.gz to compress it).")

    def handle(self, *args, file, **options):
        call_command(
            "dumpdata",
            # Keep primary keys (the version history refers to objects by them) and refer to
            # content types and permissions by name, as `migrate` numbers them anew.
            natural_foreign=True,
            exclude=EXCLUDED,
            output=file,
            verbosity=0,
        )
        self.stdout.write(self.style.SUCCESS(f"Wrote {file}."))
