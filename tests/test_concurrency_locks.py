"""The admin's check and save are one transaction under the article's lock, on both databases."""

import tempfile
import threading
import time
from pathlib import Path
from unittest import mock, skipUnless

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError, connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client, TransactionTestCase
from django.test.utils import CaptureQueriesContext

from articles.admin.articles import ArticleAdmin
from articles.models import Article

from .support.admin import admin_url, form_errors, opened, refusal
from .support.factories import ArticleFactory, UserFactory


class RowLockTests(TransactionTestCase):
    """
    The check and the save are one transaction holding the article's row lock: a second save
    waits for the first to commit, then sees its change and is refused. Without the lock both
    pass the check before either saves, and the first change is lost.
    """

    @skipUnless(connection.vendor == "postgresql", "PostgreSQL's row lock; SQLite's write lock is tested below")
    def test_the_second_save_waits_on_the_row_lock_then_is_refused(self):
        # An earlier test emptied the database, whose content types then got new ids.
        ContentType.objects.clear_cache()
        ana = UserFactory(username="ana", editor=True)
        ben = UserFactory(username="ben", editor=True)
        article = ArticleFactory(title="Ministers meet")
        clients = {}
        for user in [ana, ben]:
            clients[user] = Client()
            clients[user].force_login(user)
        forms = {user: opened(client, "article", article.pk) for user, client in clients.items()}

        ana_saving, release, ben_checked = threading.Event(), threading.Event(), threading.Event()
        ana_backend = []
        save_model = ArticleAdmin.save_model

        def save_after_the_check(admin, request, obj, form, change):
            # Ana's save holds its transaction, check passed, until the test has seen Ben wait.
            if request.user == ana:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    ana_backend.append(cursor.fetchone()[0])
                ana_saving.set()
                release.wait()
            else:
                ben_checked.set()
            save_model(admin, request, obj, form, change)

        responses = {}

        def save(user, title):
            try:
                url = admin_url("article", "change", article.pk)
                responses[user] = clients[user].post(url, forms[user] | {"title": title})
            finally:
                ana_saving.set()
                connections.close_all()

        with mock.patch.object(ArticleAdmin, "save_model", save_after_the_check):
            first = threading.Thread(target=save, args=(ana, "Ana's title"))
            first.start()
            ana_saving.wait()
            self.assertTrue(ana_backend, "Ana's save failed before it saved")
            second = threading.Thread(target=save, args=(ben, "Ben's title"))
            second.start()
            try:
                waiting = self.wait_for_a_backend_blocked_by(
                    ana_backend[0], while_=lambda: second.is_alive() and not ben_checked.is_set()
                )
            finally:
                release.set()
                first.join()
                second.join()

        self.assertTrue(waiting, "Ben's save passed the check while Ana's held the article")
        self.assertFalse(ben_checked.is_set(), "both saves passed the check")
        self.assertEqual(responses[ana].status_code, 302)
        self.assertIn("ana saved this article at", refusal(responses[ben]))
        self.assertEqual(Article.objects.get(pk=article.pk).title, "Ana's title")

    def wait_for_a_backend_blocked_by(self, pid, while_):
        """Poll PostgreSQL from this third connection, while `while_()`, until a backend waits on `pid`'s locks."""
        while while_():
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))", [pid])
                if cursor.fetchone()[0]:
                    return True
            time.sleep(0.01)
        return False

    @skipUnless(connection.vendor == "sqlite", "SQLite's write lock; PostgreSQL's row lock is tested above")
    def test_the_save_takes_the_write_lock_before_its_check(self):
        """
        SQLite has no row locks: the save's transaction takes the database's single write lock as
        it begins (BEGIN IMMEDIATE), before the check reads the article, so a second save's check
        cannot run until the first save has committed.
        """
        editor = UserFactory(username="ana", editor=True)
        article = ArticleFactory(title="Ministers meet")
        self.client.force_login(editor)
        form = opened(self.client, "article", article.pk)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.post(admin_url("article", "change", article.pk), form | {"title": "Ana's title"})
        self.assertEqual(response.status_code, 302, form_errors(response))
        statements = [query["sql"] for query in queries.captured_queries]
        state_check = next(
            i for i, sql in enumerate(statements) if sql.startswith("SELECT") and "articles_article" in sql
        )
        self.assertIn("BEGIN IMMEDIATE", statements[:state_check])

    @skipUnless(connection.vendor == "sqlite", "SQLite's write lock; PostgreSQL's row lock is tested above")
    def test_a_second_writer_is_kept_out_from_the_first_statement_of_its_transaction(self):
        """
        Two connections to one SQLite file with the project's options: while the first holds a
        transaction, the second cannot even begin one (it waits `timeout` seconds for the lock, here
        none), so it never reads a row the first is about to change. In the default (deferred) mode
        it would begin, read, and fail only when it writes.
        """
        path = Path(self.enterContext(tempfile.TemporaryDirectory())) / "db.sqlite3"
        options = settings.DATABASES["default"]["OPTIONS"]
        self.assertEqual(options["transaction_mode"], "IMMEDIATE")
        first, second = (
            DatabaseWrapper({**connection.settings_dict, "NAME": path, "OPTIONS": {**options, **extra}}, alias)
            for alias, extra in [("first_writer", {}), ("second_writer", {"timeout": 0})]
        )
        for wrapper in [first, second]:
            self.addCleanup(wrapper.close)
            connections[wrapper.alias] = wrapper
            self.addCleanup(delattr, connections._connections, wrapper.alias)
        with first.cursor() as cursor:
            cursor.execute("CREATE TABLE article (title TEXT)")

        with transaction.atomic(using="first_writer"):
            with first.cursor() as cursor:
                cursor.execute("INSERT INTO article VALUES ('Ministers meet')")
            with (
                self.assertRaisesMessage(OperationalError, "database is locked"),
                transaction.atomic(using="second_writer"),
            ):
                self.fail("the second transaction began while the first held the write lock")
        with transaction.atomic(using="second_writer"), second.cursor() as cursor:
            cursor.execute("SELECT title FROM article")
            self.assertEqual(cursor.fetchall(), [("Ministers meet",)])
