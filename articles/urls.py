from django.urls import path, register_converter
from django.views.decorators.http import require_safe

from . import feeds
from .converters import UnicodeSlugConverter
from .views import exports, fact_pages, facts, health, pages, search, themes, timeline

register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"

urlpatterns = [
    path("", pages.home, name="home"),
    path("articles/", pages.article_list, name="article-list"),
    path("articles/<uslug:slug>/", pages.ArticleDetailView.as_view(), name="article-detail"),
    path("articles/<uslug:slug>/preview/", pages.article_preview, name="article-preview"),
    path("themes/", themes.ThemeListView.as_view(), name="theme-list"),
    path("themes/<uslug:slug>/", themes.theme_detail, name="theme-detail"),
    path("themes/<uslug:slug>/feed/rss/", require_safe(feeds.ThemeArticlesFeed()), name="theme-feed-rss"),
    path("themes/<uslug:slug>/feed/atom/", require_safe(feeds.ThemeArticlesAtomFeed()), name="theme-feed-atom"),
    path("themes/<uslug:slug>/facts.csv", exports.theme_fact_export, {"fmt": "csv"}, name="theme-facts-csv"),
    path("themes/<uslug:slug>/facts.json", exports.theme_fact_export, {"fmt": "json"}, name="theme-facts-json"),
    path("facts/", facts.fact_list, name="fact-list"),
    path("facts.csv", exports.fact_export, {"fmt": "csv"}, name="facts-csv"),
    path("facts.json", exports.fact_export, {"fmt": "json"}, name="facts-json"),
    path("data/", exports.data, name="data"),
    path("facts/<int:pk>/", fact_pages.fact_detail, name="fact-detail"),
    path("timeline/", timeline.timeline, name="timeline"),
    path("search/", search.search, name="search"),
    path("feeds/rss/", require_safe(feeds.LatestArticlesFeed()), name="feed-rss"),
    path("feeds/atom/", require_safe(feeds.LatestArticlesAtomFeed()), name="feed-atom"),
    path("healthz", health.healthz, name="healthz"),
]
