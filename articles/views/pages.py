"""The home page and the article pages."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.views.generic import DetailView, ListView

from ..models import Article, Fact, QAPair, Theme
from .facts import fact_queryset


def home(request):
    context = {
        "articles": Article.objects.published().select_related("interviewee", "source").prefetch_related("themes")[:5],
        "themes": Theme.objects.with_counts().filter(total__gt=0),
        "key_figures": fact_queryset().filter(is_key_figure=True)[:6],
    }
    return render(request, "articles/home.html", context)


class ArticleListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().select_related("interviewee", "source").prefetch_related("themes")


class ArticleDetailView(DetailView):
    def get_queryset(self):
        facts = Fact.objects.select_related("person").prefetch_related("themes")
        return (
            Article.objects.published()
            .select_related("interviewee", "source")
            .prefetch_related(
                "themes",
                Prefetch(
                    "pairs", queryset=QAPair.objects.prefetch_related("themes", Prefetch("facts", queryset=facts))
                ),
                Prefetch("facts", queryset=facts.filter(pair=None), to_attr="intro_facts"),
            )
        )
