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
    Serve the stored file `path` if this server serves pictures (settings.SERVE_MEDIA) and it is
    a picture public pages show, or any picture to staff who may view articles (the admin and
    the article previews show drafts' pictures); anything else is a 404.
    """
    match = STORED_NAME.fullmatch(path)
    if not settings.SERVE_MEDIA or match is None:
        raise Http404("No such picture.")
    pictures = Picture.objects.filter(digest=match["digest"])
    public = pictures.public().exists()
    staff = request.user.is_staff and request.user.has_perm("articles.view_article")
    if not (public or staff and pictures.exists()):
        raise Http404("No such picture.")
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    # A picture only staff may see is kept by no cache.
    response["Cache-Control"] = f"public, max-age={MAX_AGE}" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
