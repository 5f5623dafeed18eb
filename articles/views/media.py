"""Uploaded pictures, served by Django when KORMEX_SERVE_MEDIA is on (docs/media.md): published ones only."""

from django.conf import settings
from django.http import Http404
from django.views import static
from django.views.decorators.http import require_safe

from ..images import STORED_NAME
from ..models import Picture

# A day: a picture whose article is withdrawn stops being served within it.
MAX_AGE = 24 * 60 * 60


@require_safe
def media(request, path):
    """
    Serve the stored file `path` if it is a picture public pages show and this server serves
    pictures (settings.SERVE_MEDIA); anything else is a 404.
    """
    match = STORED_NAME.fullmatch(path)
    if (
        not settings.SERVE_MEDIA
        or match is None
        or not Picture.objects.public().filter(digest=match["digest"]).exists()
    ):
        raise Http404("No such picture.")
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
