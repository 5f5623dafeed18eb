import tarfile
import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import Picture

# Content types and permissions are rebuilt by `migrate`; sessions are not worth keeping; the
# search index is made from the content again by `restore`.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "articles.SearchEntry"]
# An archive holds the data under this name and every picture's files under media/.
ARCHIVES = (".tar.gz", ".tgz", ".tar")
DATA_NAME = "data.json"
MEDIA_FOLDER = "media/"


class Command(BaseCommand):
    help = (
        "Write everything Kormex holds (content, themes, people, users and groups, the version "
        "history and the admin log) to a file that `restore` reads back: an archive (.tar.gz) holds "
        "the uploaded pictures too, a .json or .json.gz file the data only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="Where to write the backup (.tar.gz with the pictures; .json, or .json.gz, without)."
        )

    def handle(self, *args, file, **options):
        if not file.endswith(ARCHIVES):
            self.dump(file)
            self.stdout.write(self.style.SUCCESS(f"Wrote {file} (the data only, not the pictures)."))
            return
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / DATA_NAME
            self.dump(str(data))
            with tarfile.open(file, "w:gz" if file.endswith(("gz", "tgz")) else "w") as archive:
                archive.add(data, DATA_NAME)
                for name in sorted({name for picture in Picture.objects.all() for name in picture.stored_names()}):
                    with default_storage.open(name) as stored:
                        member = tarfile.TarInfo(MEDIA_FOLDER + name)
                        member.size = stored.size
                        archive.addfile(member, stored)
        self.stdout.write(self.style.SUCCESS(f"Wrote {file}."))

    def dump(self, file):
        call_command(
            "dumpdata",
            # Keep primary keys (the version history refers to objects by them) and refer to
            # content types and permissions by name, as `migrate` numbers them anew.
            natural_foreign=True,
            exclude=EXCLUDED,
            output=file,
            verbosity=0,
        )
