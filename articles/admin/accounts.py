"""Accounts and sign-in lockouts: the admins of Django's auth and django-axes, with Kormex's guard."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User

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
    pass


@admin.register(AccessLog)
class AccessLogAdmin(ForgedInputGuard, axes_admin.AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class AccessFailureLogAdmin(ForgedInputGuard, axes_admin.AccessFailureLogAdmin):
    pass
