from django.urls import path, register_converter

from . import views
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
    path("", views.home, name="home"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("articles/<slug:slug>/preview/", views.article_preview, name="article-preview"),
    path("themes/", views.ThemeListView.as_view(), name="theme-list"),
    path("themes/<uslug:slug>/", views.theme_detail, name="theme-detail"),
    path("facts/", views.fact_list, name="fact-list"),
    path("healthz", views.healthz, name="healthz"),
]
