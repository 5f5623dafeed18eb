"""manage.py create_staff: editors and contributors created without the shell."""

import io
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from .support.factories import UserFactory

PASSWORD = "correct horse battery staple"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def create_staff(*args, stdin=""):
    """Run create_staff with `args` and `stdin` (text, or a stream); return what it printed."""
    out = io.StringIO()
    stream = io.StringIO(stdin) if isinstance(stdin, str) else stdin
    call_command("create_staff", *args, stdin=stream, stdout=out)
    return out.getvalue()


class CreateStaffTests(TestCase):
    def assertRefused(self, message, *args, stdin=f"{PASSWORD}\n"):
        users = list(get_user_model().objects.values_list("username", "password"))
        with self.assertRaisesMessage(CommandError, message):
            create_staff(*args, stdin=stdin)
        self.assertEqual(list(get_user_model().objects.values_list("username", "password")), users)

    def test_an_editor_is_created_with_a_password_from_stdin_and_signs_in_to_publish(self):
        out = create_staff("ana", "--role", "editor", "--email", "ana@example.org", "--password-stdin", stdin=PASSWORD)
        self.assertIn("Created “ana”, a staff user in the Editor group", out)
        user = get_user_model().objects.get(username="ana")
        self.assertEqual((user.email, user.is_staff, user.is_superuser), ("ana@example.org", True, False))
        self.assertEqual(list(user.groups.values_list("name", flat=True)), ["Editor"])
        self.assertTrue(user.has_perm("articles.publish_article"))
        articles = reverse("admin:articles_article_changelist")
        signed_in = self.client.post(
            reverse("admin:login"), {"username": "ana", "password": PASSWORD, "next": articles}
        )
        self.assertRedirects(signed_in, articles)

    def test_a_contributor_is_created_with_a_password_from_the_environment(self):
        with mock.patch.dict("os.environ", {"KORMEX_STAFF_PASSWORD": PASSWORD}):
            create_staff("ben", "--role", "contributor")
        user = get_user_model().objects.get(username="ben")
        self.assertEqual(list(user.groups.values_list("name", flat=True)), ["Contributor"])
        self.assertTrue(user.check_password(PASSWORD))
        self.assertTrue(user.has_perm("articles.change_article"))
        self.assertFalse(user.has_perm("articles.publish_article"))

    def test_at_a_terminal_the_password_is_asked_for_twice(self):
        with mock.patch("getpass.getpass", side_effect=[PASSWORD, PASSWORD]) as asked:
            create_staff("ana", "--role", "editor", stdin=Terminal())
        self.assertEqual(asked.call_count, 2)
        self.assertTrue(get_user_model().objects.get(username="ana").check_password(PASSWORD))
        with mock.patch("getpass.getpass", side_effect=[PASSWORD, "another one entirely"]):
            self.assertRefused(
                "The two passwords differ; nothing was changed.", "ben", "--role", "editor", stdin=Terminal()
            )

    def test_an_unknown_role_is_refused(self):
        self.assertRefused("argument --role: invalid choice: 'admin'", "ana", "--role", "admin")
        self.assertRefused("the following arguments are required: --role", "ana")

    def test_an_existing_username_is_refused_whatever_its_case_and_the_user_is_left_alone(self):
        existing = UserFactory(username="ana")
        self.assertRefused(
            "A user named “Ana” already exists; nothing was changed.", "Ana", "--role", "editor", "--password-stdin"
        )
        existing.refresh_from_db()
        self.assertFalse(existing.is_staff)
        self.assertFalse(existing.groups.exists())

    def test_a_password_is_never_taken_from_the_command_line(self):
        self.assertRefused("unrecognized arguments: --password", "ana", "--role", "editor", "--password", PASSWORD)

    def test_a_weak_missing_or_empty_password_is_refused(self):
        self.assertRefused(
            "This password is too common.", "ana", "--role", "editor", "--password-stdin", stdin="password\n"
        )
        self.assertRefused(
            "The password is too similar to the username.",
            "anabelle",
            "--role",
            "editor",
            "--password-stdin",
            stdin="anabelle1\n",
        )
        self.assertRefused(
            "Give the password with --password-stdin or KORMEX_STAFF_PASSWORD", "ana", "--role", "editor"
        )
        self.assertRefused("The password is empty", "ana", "--role", "editor", "--password-stdin", stdin="\n")

    def test_a_username_or_email_that_is_not_one_is_refused(self):
        self.assertRefused("Enter a valid username.", "ana ruiz", "--role", "editor", "--password-stdin")
        self.assertRefused(
            "Enter a valid email address.", "ana", "--role", "editor", "--email", "ana@", "--password-stdin"
        )

    def test_a_missing_group_is_explained(self):
        Group.objects.filter(name="Editor").delete()
        self.assertRefused(
            "There is no Editor group: run “manage.py migrate” first.", "ana", "--role", "editor", "--password-stdin"
        )
