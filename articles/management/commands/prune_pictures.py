from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.images import FOLDER, STORED_NAME
from articles.models import Picture


class Command(BaseCommand):
    help = (
        "Delete the stored picture files no picture names any more (a replaced or removed lead "
        "image or portrait leaves its files, which another picture may share). Files younger than "
        "--older-than hours are kept: an upload stores its files just before its picture is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=float, default=24, help="hours; default 24")
        parser.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")

    def handle(self, *args, older_than, dry_run, **options):
        if not default_storage.exists(FOLDER):
            return
        named = {name for picture in Picture.objects.only("image", "renditions") for name in picture.stored_names()}
        cutoff = timezone.now() - timedelta(hours=older_than)
        unnamed = [
            name
            for name in (f"{FOLDER}/{file}" for file in default_storage.listdir(FOLDER)[1])
            if STORED_NAME.fullmatch(name) and name not in named and default_storage.get_modified_time(name) < cutoff
        ]
        for name in unnamed:
            self.stdout.write(name)
            if not dry_run:
                default_storage.delete(name)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(unnamed)} files no picture names."))
