"""manage.py prune_pictures: files no picture names are deleted once old enough; named ones stay."""

import os
import time
from io import StringIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import TestCase

from articles.images import FOLDER

from .support.factories import ArticleFactory, PersonFactory
from .support.pictures import jpeg, make_picture


def age(name, hours):
    """Set the modification time of the stored file `name` to `hours` ago."""
    then = time.time() - hours * 3600
    os.utime(default_storage.path(name), (then, then))


def prune(*options):
    out = StringIO()
    call_command("prune_pictures", *options, stdout=out)
    return out.getvalue()


class PrunePicturesTests(TestCase):
    def setUp(self):
        self.picture = make_picture(article=ArticleFactory(), content=jpeg(colour="teal"))
        self.old_names = self.picture.stored_names()
        replacement = make_picture(article=ArticleFactory(), content=jpeg(colour="navy"))
        # The editor replaces the lead image: the picture now names the new files only.
        self.picture.image, self.picture.renditions = replacement.image, replacement.renditions
        self.picture.digest = replacement.digest
        self.picture.save()
        replacement.delete()
        for name in [*self.old_names, *self.picture.stored_names()]:
            age(name, 48)

    def test_files_no_picture_names_are_deleted_and_named_ones_stay(self):
        # Another picture shares the current picture's files: they stay whatever happens to one of them.
        shared = make_picture(person=PersonFactory(), content=jpeg(colour="navy"))
        output = prune()
        self.assertIn(f"Deleted {len(self.old_names)} files no picture names.", output)
        for name in self.old_names:
            self.assertFalse(default_storage.exists(name), name)
            self.assertIn(name, output)
        for name in [*self.picture.stored_names(), *shared.stored_names()]:
            self.assertTrue(default_storage.exists(name), name)

    def test_a_dry_run_lists_them_and_deletes_nothing(self):
        output = prune("--dry-run")
        self.assertIn(f"Would delete {len(self.old_names)} files no picture names.", output)
        for name in self.old_names:
            self.assertIn(name, output)
            self.assertTrue(default_storage.exists(name), name)

    def test_young_files_and_files_of_other_names_are_kept(self):
        # An upload being saved: its files are stored a moment before its picture is.
        uploading = default_storage.save(f"{FOLDER}/{'a' * 32}.jpg", ContentFile(jpeg()))
        stray = default_storage.save(f"{FOLDER}/notes.txt", ContentFile(b"kept"))
        age(stray, 48)
        self.assertIn(f"Deleted {len(self.old_names)} files", prune())
        self.assertTrue(default_storage.exists(uploading))
        self.assertTrue(default_storage.exists(stray))
        age(uploading, 2)
        self.assertIn("Deleted 1 files", prune("--older-than", "1"))
        self.assertFalse(default_storage.exists(uploading))
