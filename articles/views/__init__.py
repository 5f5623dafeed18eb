from .facts import fact_list
from .health import healthz
from .pages import ArticleDetailView, ArticleListView, article_preview, home
from .themes import ThemeListView, theme_detail

__all__ = [
    "ArticleDetailView",
    "ArticleListView",
    "article_preview",
    "ThemeListView",
    "fact_list",
    "healthz",
    "home",
    "theme_detail",
]
