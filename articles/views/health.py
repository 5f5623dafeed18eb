"""The health endpoint for load balancers and monitoring."""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: the database does not answer.")
        return False
    return True


def cache_answers():
    # Any backend error means the shared cache is down; Django's Redis backend raises the
    # client's own exceptions, which share no base class with Django's.
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:
        logger.exception("Health check: the cache does not answer.")
        return False


@never_cache
@require_safe
def healthz(request):
    """Report whether the database and the cache answer: 200 when both do, 503 otherwise."""
    status = {
        "database": "ok" if database_answers() else "unavailable",
        "cache": "ok" if cache_answers() else "unavailable",
    }
    return JsonResponse(status, status=200 if set(status.values()) == {"ok"} else 503)
