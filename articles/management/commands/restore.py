import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.images import STORED_NAME
from articles.search_index import rebuild

from .backup import DATA_NAME, MEDIA_FOLDER


class Command(BaseCommand):
    help = (
        "Load a file written by `backup` into a migrated database, all or nothing, and an archive's "
        "pictures into the media storage. Restore into an empty database (after `migrate`): rows "
        "with the same natural keys are overwritten. The search index, which backups leave out, is "
        "made anew."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    @transaction.atomic
    def handle(self, *args, file, **options):
        if Path(file).is_file() and tarfile.is_tarfile(file):
            self.restore_archive(file)
        else:
            call_command("loaddata", file, verbosity=0)
        rebuild()
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))

    def restore_archive(self, file):
        """Load the archive's data, then put back each picture file the storage lacks."""
        with tarfile.open(file) as archive, tempfile.TemporaryDirectory() as folder:
            data = archive.extractfile(DATA_NAME) if DATA_NAME in archive.getnames() else None
            if data is None:
                raise CommandError(f"{file} is not a Kormex backup: it holds no {DATA_NAME}.")
            path = Path(folder) / DATA_NAME
            path.write_bytes(data.read())
            call_command("loaddata", str(path), verbosity=0)
            for member in archive.getmembers():
                name = member.name.removeprefix(MEDIA_FOLDER)
                # Only the names backup writes: nothing outside the pictures' folder.
                if member.isfile() and STORED_NAME.fullmatch(name) and not default_storage.exists(name):
                    default_storage.save(name, ContentFile(archive.extractfile(member).read()))
