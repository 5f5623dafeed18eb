"""Who may publish: one rule, applied to every admin path that could change published content."""

from django.contrib import admin

from ..models import Article


def can_publish(user):
    return user.has_perm("articles.publish_article")


class PublishedContentGuard:
    """
    Keep published and scheduled articles, with their Q&A pairs and facts, read-only for users
    who cannot publish: changing them would publish the change.
    """

    def article_of(self, obj):
        """Return the article `obj` belongs to (inlines receive the article itself)."""
        return obj.article

    def is_locked(self, request, obj):
        if obj is None or can_publish(request.user):
            return False
        article = self.article_of(obj)
        return article is not None and article.status == Article.Status.PUBLISHED

    def has_change_permission(self, request, obj=None):
        return not self.is_locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_locked(request, obj) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article" and not can_publish(request.user):
            kwargs["queryset"] = Article.objects.filter(status=Article.Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("published", "Published")]

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.filter(status=Article.Status.DRAFT)
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "published":
            return queryset.published()
        return queryset
