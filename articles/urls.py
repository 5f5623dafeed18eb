from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("themes/", views.ThemeListView.as_view(), name="theme-list"),
    path("themes/<str:slug>/", views.theme_detail, name="theme-detail"),
    path("facts/", views.fact_list, name="fact-list"),
    path("healthz", views.healthz, name="healthz"),
]
