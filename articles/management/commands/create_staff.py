import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

# Each role and the group that holds its permissions (migrations 0003 and 0004 create them).
ROLES = {"editor": "Editor", "contributor": "Contributor"}
PASSWORD_VARIABLE = "KORMEX_STAFF_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a staff user who signs in to the admin as an editor (who may publish) or a contributor "
        "(who writes drafts). The password is asked for twice, or read from the first line of standard "
        f"input with --password-stdin, or from the environment variable {PASSWORD_VARIABLE}; it is never "
        "given on the command line."
    )
    # Tests give the password through a stdin of their own, as for Django's createsuperuser.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        # Else argparse reads --password as --password-stdin, as if a password could be given here.
        parser.allow_abbrev = False
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=ROLES, help="editor or contributor")
        parser.add_argument("--email", default="", help="the user's email address")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from the first line of standard input"
        )

    def handle(self, *args, username, role, email, password_stdin, **options):
        User = get_user_model()
        group = Group.objects.filter(name=ROLES[role]).first()
        if group is None:
            raise CommandError(
                _("There is no %(group)s group: run “manage.py migrate” first.") % {"group": ROLES[role]}
            )
        try:
            username = User._meta.get_field(User.USERNAME_FIELD).clean(username, None)
            if email:
                validate_email(email)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if User._default_manager.filter(**{f"{User.USERNAME_FIELD}__iexact": username}).exists():
            raise CommandError(
                _("A user named “%(username)s” already exists; nothing was changed.") % {"username": username}
            )
        user = User(
            **{User.USERNAME_FIELD: username}, email=User._default_manager.normalize_email(email), is_staff=True
        )
        password = self.read_password(password_stdin, options.get("stdin") or sys.stdin)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.set_password(password)
        with transaction.atomic():
            user.save()
            user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(
                _("Created “%(username)s”, a staff user in the %(group)s group: they can sign in to the admin now.")
                % {"username": username, "group": group.name}
            )
        )

    def read_password(self, password_stdin, stdin):
        """Return the password: from `stdin`'s first line, else the environment, else asked twice at a terminal."""
        if password_stdin:
            password = stdin.readline().rstrip("\r\n")
        elif os.environ.get(PASSWORD_VARIABLE):
            password = os.environ[PASSWORD_VARIABLE]
        elif stdin.isatty():
            password = getpass.getpass(_("Password: "))
            if password != getpass.getpass(_("Password (again): ")):
                raise CommandError(_("The two passwords differ; nothing was changed."))
        else:
            raise CommandError(
                _("Give the password with --password-stdin or %(variable)s, or run this command at a terminal.")
                % {"variable": PASSWORD_VARIABLE}
            )
        if not password:
            raise CommandError(_("The password is empty; nothing was changed."))
        return password
