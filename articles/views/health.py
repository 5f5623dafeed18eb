"""The health endpoint for load balancers and monitoring."""

from django.db import DatabaseError, connection
from django.http import JsonResponse


def healthz(request):
    """Report whether the database answers: 200 when it does, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})
