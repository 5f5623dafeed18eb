"""The citation downloads of an article and of a fact: plain text, BibTeX, RIS and CSL-JSON."""

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from ..citations import FORMATS, article_citation, fact_citation
from ..queries import article_in_language, published_fact


def download(citation, fmt):
    """Return `citation` written in format `fmt` as a file to save; 404 for a format there is not."""
    if fmt not in FORMATS:
        raise Http404("No such citation format.")
    content_type, write = FORMATS[fmt]
    response = HttpResponse(write(citation), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{citation.key}.{fmt}")
    return response


@require_safe
def article_cite(request, slug, fmt):
    """The citation of a published article, in its version in the page's language."""
    article = article_in_language(slug)
    return download(article_citation(article, request.build_absolute_uri(article.get_absolute_url())), fmt)


@require_safe
def fact_cite(request, pk, fmt):
    """The citation of a published fact, in its wording in the page's language."""
    fact = published_fact(pk)
    return download(fact_citation(fact, request.build_absolute_uri(fact.get_permalink())), fmt)
