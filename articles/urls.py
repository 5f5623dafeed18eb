from django.urls import path, register_converter

from .views import facts, health, pages, themes
from .views.facts import SLUG_PATTERN


class UnicodeSlugConverter:
    """Match the Unicode slugs taggit gives themes (letters of any script, digits, - and _)."""

    regex = SLUG_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"

urlpatterns = [
    path("", pages.home, name="home"),
    path("articles/", pages.article_list, name="article-list"),
    path("articles/<slug:slug>/", pages.ArticleDetailView.as_view(), name="article-detail"),
    path("articles/<slug:slug>/preview/", pages.article_preview, name="article-preview"),
    path("themes/", themes.ThemeListView.as_view(), name="theme-list"),
    path("themes/<uslug:slug>/", themes.theme_detail, name="theme-detail"),
    path("facts/", facts.fact_list, name="fact-list"),
    path("healthz", health.healthz, name="healthz"),
]
