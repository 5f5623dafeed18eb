"""Each fact's own page, the address to cite it by."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..i18n import active_language
from ..models import Fact, FactWording, prefetch_themes, published_q


@require_safe
def fact_detail(request, pk):
    """
    Show a published fact in the page's language where it is worded in it (else in its
    original's words), with the paragraph it is quoted from, every published wording of it and
    a citation; 404 otherwise.
    """
    translated = FactWording.objects.filter(published_q("article__")).select_related("article")
    fact = get_object_or_404(
        Fact.objects.published()
        .select_related("article__source", "article__interviewee", "article__interviewer", "pair", "person__portrait")
        .prefetch_related(prefetch_themes(), Prefetch("wordings", queryset=translated, to_attr="published_wordings")),
        pk=pk,
    )
    language = active_language()
    fact.local_wordings = [wording for wording in fact.published_wordings if wording.language == language]
    context = {
        "fact": fact,
        "wording": fact.wording,
        "quoted": [fact.wording],
        "wordings": [fact, *fact.published_wordings],
        "permalink": request.build_absolute_uri(fact.get_permalink()),
        # Read with the fact (select_related): None when the person has no portrait.
        "portrait": getattr(fact.person, "portrait", None),
    }
    return render(request, "articles/fact_detail.html", context)
