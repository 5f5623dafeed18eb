"""Who may publish: one rule, applied to every admin path that could change published content."""

from functools import reduce
from operator import or_

from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from ..models import Article

# A refusal names at most this many of the items that stop it, and counts the others.
NAMED_AT_MOST = 5


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

    def is_published(self, obj):
        """Return whether a published or scheduled article shows `obj`."""
        article = self.article_of(obj)
        return article is not None and article.status == Article.Status.PUBLISHED

    def is_locked(self, request, obj):
        return obj is not None and not can_publish(request.user) and self.is_published(obj)

    def has_change_permission(self, request, obj=None):
        return not self.is_locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_locked(request, obj) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        """
        Refuse "Delete selected" at once, naming them, when the selection holds objects the user
        may not delete: Django's confirmation said the user may not delete articles, facts and
        pairs at all, and named none of those that stopped it.
        """
        actions = super().get_actions(request)
        if "delete_selected" not in actions:
            return actions
        delete, name, description = actions["delete_selected"]

        def delete_selected(modeladmin, request, queryset):
            if locked := [f"“{obj}”" for obj in queryset if modeladmin.is_locked(request, obj)]:
                refusal = ngettext(
                    "Nothing was deleted: only an editor may delete %(names)s, as published or scheduled "
                    "content shows it.",
                    "Nothing was deleted: only an editor may delete %(names)s, as published or scheduled "
                    "content shows them.",
                    len(locked),
                )
                names = ", ".join(locked[:NAMED_AT_MOST])
                more = len(locked) - NAMED_AT_MOST
                if more > 0:
                    names += " " + ngettext("and %(count)d more", "and %(count)d more", more) % {"count": more}
                modeladmin.message_user(request, refusal % {"names": names}, messages.ERROR)
                return None
            return delete(modeladmin, request, queryset)

        actions["delete_selected"] = (delete_selected, name, description)
        return actions

    def get_changelist_formset(self, request, **kwargs):
        """
        The list's editable columns, disabled on the rows that are read-only to the user: a post
        ignores them. Each carries the value the page showed (show_hidden_initial): a row is saved
        when the editor changed it there, not because its value in the database differs from an
        older page's, which put back what another editor had saved since.
        """
        guard, formset = self, super().get_changelist_formset(request, **kwargs)

        class GuardedFormSet(formset):
            def _construct_form(self, index, **kwargs):
                form = super()._construct_form(index, **kwargs)
                for name in guard.list_editable:
                    form.fields[name].show_hidden_initial = True
                if guard.is_locked(request, form.instance):
                    for field in form.fields.values():
                        field.disabled = True
                return form

        return GuardedFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article" and not can_publish(request.user):
            kwargs["queryset"] = Article.objects.filter(status=Article.Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SharedRecordGuard(PublishedContentGuard):
    """
    Keep a person or a source that published or scheduled articles show read-only for users who
    cannot publish: renaming it would change those articles' pages, citations and exports at
    once. Those that only drafts show stay theirs to correct.
    """

    # The lookups from an article to the records it shows.
    shown_by = []

    def is_published(self, obj):
        shown = reduce(or_, (Q(**{lookup: obj}) for lookup in self.shown_by))
        return Article.objects.filter(shown, status=Article.Status.PUBLISHED).exists()


class StateFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Article.State.choices

    def queryset(self, request, queryset):
        if self.value() == Article.State.DRAFT:
            return queryset.filter(status=Article.Status.DRAFT)
        published = Q(status=Article.Status.PUBLISHED)
        if self.value() == Article.State.SCHEDULED:
            later = Q(translation_of__status=Article.Status.PUBLISHED, translation_of__published_at__gt=timezone.now())
            scheduled = queryset.filter(published & (Q(published_at__gt=timezone.now()) | later))
            return scheduled.exclude(translation_of__status=Article.Status.DRAFT)
        if self.value() == Article.State.PUBLISHED:
            return queryset.published()
        if self.value() == Article.State.WAITING:
            return queryset.filter(published, translation_of__status=Article.Status.DRAFT)
        return queryset
