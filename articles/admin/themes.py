"""Themes with their usage counts."""

from django.contrib import admin
from taggit.models import Tag

from ..models import Theme

# Themes are the project's tag model; taggit's generic Tag is unused.
admin.site.unregister(Tag)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description", "article_uses", "pair_uses", "fact_uses"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts(public=False)

    @admin.display(description="articles", ordering="article_count")
    def article_uses(self, obj):
        return obj.article_count

    @admin.display(description="Q&A pairs", ordering="pair_count")
    def pair_uses(self, obj):
        return obj.pair_count

    @admin.display(description="facts", ordering="fact_count")
    def fact_uses(self, obj):
        return obj.fact_count
