"""django-axes (admin sign-in throttling) under the name editors see it by in the admin's menu."""

from axes.apps import AppConfig
from django.utils.translation import gettext_lazy


class SignInLockoutsConfig(AppConfig):
    verbose_name = gettext_lazy("Sign-in lockouts")
