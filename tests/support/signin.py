"""Signing in to the admin in tests: a password, a fast hasher and the sign-in form."""

from django.test import override_settings
from django.urls import reverse

PASSWORD = "correct horse battery staple"
# Sign-in tests check many passwords; the production hasher would spend most of their time.
FAST_HASHING = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


def sign_in(client, username, password=PASSWORD, **meta):
    """Post the admin's sign-in form; `meta` as for the test client (REMOTE_ADDR, HTTP_X_FORWARDED_FOR)."""
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": reverse("admin:index")}, **meta
    )
