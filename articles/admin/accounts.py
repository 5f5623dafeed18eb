"""Accounts and sign-in lockouts: the admins of Django's auth and django-axes, with Kormex's guard."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from .common import ForgedInputGuard

admin.site.unregister([User, Group, AccessAttempt, AccessLog, AccessFailureLog])


@admin.register(User)
class UserAdmin(ForgedInputGuard, auth_admin.UserAdmin):
    pass


@admin.register(Group)
class GroupAdmin(ForgedInputGuard, auth_admin.GroupAdmin):
    pass


@admin.register(AccessAttempt)
class AccessAttemptAdmin(ForgedInputGuard, axes_admin.AccessAttemptAdmin):
    # django-axes gives its column no name to translate ("Status" in every language).
    @admin.display(description=gettext_lazy("status"))
    def status(self, obj):
        return super().status(obj)

    def get_deleted_objects(self, objs, request):
        """Name each attempt by whose it is, as an editor lifting a lock looks for it: its own name is a time."""
        _, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        name = capfirst(AccessAttempt._meta.verbose_name)
        return [f"{name}: {attempt_name(attempt)}" for attempt in objs], counts, perms_needed, protected


def attempt_name(attempt):
    """Return "ana from 198.51.100.1, last at 8 Dec 2026 01:27" for `attempt`, in the active language."""
    when = formats.date_format(timezone.localtime(attempt.attempt_time), "DATETIME_FORMAT")
    return gettext("%(username)s from %(address)s, last at %(time)s") % {
        "username": attempt.username,
        "address": attempt.ip_address,
        "time": when,
    }


@admin.register(AccessLog)
class AccessLogAdmin(ForgedInputGuard, axes_admin.AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class AccessFailureLogAdmin(ForgedInputGuard, axes_admin.AccessFailureLogAdmin):
    pass
