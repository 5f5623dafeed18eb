"""Each fact's own page, the address to cite it by."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..models import Fact, prefetch_themes


@require_safe
def fact_detail(request, pk):
    """Show a published fact with the paragraph it is quoted from and a citation; 404 otherwise."""
    fact = get_object_or_404(
        Fact.objects.published()
        .select_related("article__source", "article__interviewee", "article__interviewer", "pair", "person")
        .prefetch_related(prefetch_themes()),
        pk=pk,
    )
    context = {
        "fact": fact,
        "quoted": [fact],
        "permalink": request.build_absolute_uri(fact.get_permalink()),
    }
    return render(request, "articles/fact_detail.html", context)
