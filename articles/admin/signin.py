"""The client address and the lockout page of admin sign-in throttling (django-axes)."""

import ipaddress

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# django-axes has no Spanish or Korean catalogue. The words its admin shows editors (the lockouts
# they lift, migration 0009), as it writes them: listed here, Kormex's catalogues translate them.
AXES_WORDS = [
    *(gettext_noop("access attempt"), gettext_noop("access attempts"), gettext_noop("Access Attempt")),
    *(gettext_noop("access failure"), gettext_noop("access failures")),
    *(gettext_noop("access log"), gettext_noop("access logs")),
    *(gettext_noop("access attempt expiration"), gettext_noop("access attempt expirations")),
    *(gettext_noop("User Agent"), gettext_noop("IP Address"), gettext_noop("Username"), gettext_noop("HTTP Accept")),
    *(gettext_noop("Path"), gettext_noop("Attempt Time"), gettext_noop("Access lock out"), gettext_noop("GET Data")),
    *(
        gettext_noop("POST Data"),
        gettext_noop("Failed Logins"),
        gettext_noop("Expires At"),
        gettext_noop("Logout Time"),
    ),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("Session key hash (sha256)"),
    *(gettext_noop("Locked Out"), gettext_noop("Form Data"), gettext_noop("Meta Data"), gettext_noop("Not set")),
    *(gettext_noop("Clean up expired attempts"), gettext_noop("Attempt Remaining")),
]


def client_ip_address(request):
    """
    Return the address `request` came from: the connection's, or, behind settings.PROXY_COUNT
    reverse proxies, the one the outermost proxy received it from.

    Each proxy appends the address it received the request from to X-Forwarded-For, so only the
    last PROXY_COUNT entries can be trusted; whatever comes before them the client wrote. An entry
    that is not an IP address (a proxy that adds ports, a wrong PROXY_COUNT) falls back to the
    connection's address rather than reaching the database.
    """
    if settings.PROXY_COUNT:
        forwarded = [entry.strip() for entry in request.headers.get("X-Forwarded-For", "").split(",")]
        if len(forwarded) >= settings.PROXY_COUNT:
            try:
                return str(ipaddress.ip_address(forwarded[-settings.PROXY_COUNT]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response, credentials):
    """
    Answer a locked-out admin sign-in with 429 Too Many Requests and a page in the admin's layout
    that says when to try again and who can lift the lock.
    """
    now = timezone.now()
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in locked"),
        "username": get_client_username(request, credentials) or "",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "wait": timeuntil(now + settings.AXES_COOLOFF_TIME, now),
        # Named as the admin's menu names them, in the page's language.
        "lockouts": apps.get_app_config("axes").verbose_name,
        "attempts": capfirst(AccessAttempt._meta.verbose_name_plural),
    }
    response = render(request, "admin/lockout.html", context, status=429)
    response["Retry-After"] = int(settings.AXES_COOLOFF_TIME.total_seconds())
    return response
