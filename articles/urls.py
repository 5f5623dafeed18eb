from django.urls import path, register_converter
from django.views.decorators.http import require_safe

from . import feeds
from .converters import UnicodeSlugConverter
from .filters import FILTERS, PARAMETERS, REPEATABLE
from .query_strings import accepts
from .views import citations, embeds, exports, fact_pages, facts, health, pages, search, share_cards, themes, timeline

register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"

# Every public page names the query parameters it reads; any other query string is redirected
# to their canonical spelling (query_strings.py). Previews and /healthz are never cached.
plain = accepts()
faceted = accepts(*PARAMETERS, repeatable=REPEATABLE)
# The timeline lists dated facts: it has no kinds to choose from.
timeline_faceted = accepts(*(name for name in PARAMETERS if name != "kind"), repeatable=REPEATABLE)
download = accepts(*FILTERS, repeatable=REPEATABLE)

urlpatterns = [
    path("", plain(pages.home), name="home"),
    path("card.png", plain(share_cards.site_card), name="card"),
    path("articles/", faceted(pages.article_list), name="article-list"),
    path("articles/<uslug:slug>/", plain(pages.ArticleDetailView.as_view()), name="article-detail"),
    path("articles/<uslug:slug>/embed/", plain(embeds.article_embed), name="article-embed"),
    path("articles/<uslug:slug>/cite.<str:fmt>", plain(citations.article_cite), name="article-cite"),
    path("articles/<uslug:slug>/card.png", plain(share_cards.article_card), name="article-card"),
    path("articles/<uslug:slug>/preview/", pages.article_preview, name="article-preview"),
    path("themes/", accepts("page")(themes.ThemeListView.as_view()), name="theme-list"),
    path("themes/<uslug:slug>/", faceted(themes.theme_detail), name="theme-detail"),
    path("themes/<uslug:slug>/card.png", plain(share_cards.theme_card), name="theme-card"),
    path("themes/<uslug:slug>/feed/rss/", plain(require_safe(feeds.ThemeArticlesFeed())), name="theme-feed-rss"),
    path(
        "themes/<uslug:slug>/feed/atom/",
        plain(require_safe(feeds.ThemeArticlesAtomFeed())),
        name="theme-feed-atom",
    ),
    path("themes/<uslug:slug>/facts.csv", download(exports.theme_fact_export), {"fmt": "csv"}, name="theme-facts-csv"),
    path(
        "themes/<uslug:slug>/facts.json",
        download(exports.theme_fact_export),
        {"fmt": "json"},
        name="theme-facts-json",
    ),
    path("facts/", faceted(facts.fact_list), name="fact-list"),
    path("facts.csv", download(exports.fact_export), {"fmt": "csv"}, name="facts-csv"),
    path("facts.json", download(exports.fact_export), {"fmt": "json"}, name="facts-json"),
    path("data/", plain(exports.data), name="data"),
    path("facts/<int:pk>/", plain(fact_pages.fact_detail), name="fact-detail"),
    path("facts/<int:pk>/embed/", plain(embeds.fact_embed), name="fact-embed"),
    path("facts/<int:pk>/cite.<str:fmt>", plain(citations.fact_cite), name="fact-cite"),
    path("oembed/", accepts("url", "format", "maxwidth", "maxheight")(embeds.oembed), name="oembed"),
    path("facts/<int:pk>/card.png", plain(share_cards.fact_card), name="fact-card"),
    path("timeline/", timeline_faceted(timeline.timeline), name="timeline"),
    path("search/", accepts("q", "theme", repeatable=["theme"])(search.search), name="search"),
    path("feeds/rss/", plain(require_safe(feeds.LatestArticlesFeed())), name="feed-rss"),
    path("feeds/atom/", plain(require_safe(feeds.LatestArticlesAtomFeed())), name="feed-atom"),
    path("healthz", health.healthz, name="healthz"),
]
