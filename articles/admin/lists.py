"""
What keeps the admin's lists as fast at 20,000 interviews as at 20 (docs/performance.md): sidebar
filters whose options stay few, searches of related texts that never make a list DISTINCT, and
autocompletes that search what they show.
"""

from functools import reduce
from operator import or_

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext

from .common import is_id


def is_autocomplete(request, model_admin):
    """Return whether `request` is one of the admin site's autocompletes (they search `model_admin`'s list)."""
    return request.path == reverse("admin:autocomplete", current_app=model_admin.admin_site.name)


def search_words(search_term):
    """Return the words of `search_term` as Django's admin search reads them: quoted phrases are one word."""
    words = []
    for word in smart_split(search_term):
        if word.startswith(('"', "'")) and word[0] == word[-1]:
            word = unescape_string_literal(word)
        words.append(word)
    return words


def containing(fields, word):
    """Return the condition that one of `fields` contains `word`, in any case."""
    return reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))


class RelatedTextSearch:
    """
    Search `search_fields` (plain fields or foreign keys' fields, matched by icontains), and the
    texts of the rows `related_search` names: (model, its field naming the row, its text fields),
    through EXISTS. Django's admin joined a reverse relation and made the list DISTINCT over
    every column, for the page, its count and its date hierarchy alike. An autocomplete searches
    `autocomplete_search_fields` only: the titles it shows.
    """

    related_search = None
    autocomplete_search_fields = None

    def get_search_fields(self, request):
        if self.autocomplete_search_fields is not None and is_autocomplete(request, self):
            return self.autocomplete_search_fields
        return super().get_search_fields(request)

    def get_search_results(self, request, queryset, search_term):
        if self.related_search is None or is_autocomplete(request, self):
            return super().get_search_results(request, queryset, search_term)
        model, link, texts = self.related_search
        fields = self.get_search_fields(request)
        for word in search_words(search_term):
            related = model._default_manager.filter(containing(texts, word), **{link: OuterRef("pk")})
            queryset = queryset.filter(Q(Exists(related)) | containing(fields, word))
        return queryset, False


def naming_rows(field):
    """
    Return the rows that name the related object OuterRef("pk") through `field` (a foreign key,
    or a tags manager's through-table), and the name of their column that holds it.
    """
    if field.many_to_many:
        through = field.remote_field.through
        column = next(
            f.name for f in through._meta.get_fields() if f.many_to_one and f.related_model is field.related_model
        )
        return through._default_manager.filter(**{column: OuterRef("pk")}), column
    return field.model._default_manager.filter(**{field.name: OuterRef("pk")}), field.name


class BoundedRelatedFilter(admin.RelatedFieldListFilter):
    """
    Offer the related objects that rows of the list name, at most `limit`, by name: when more are
    named, the `limit` named most often, and the one chosen. The others are found by the list's
    search. Django's RelatedOnlyFieldListFilter listed every one (2,500 people at 20,000
    interviews) from a DISTINCT over a join of the whole list.
    """

    limit = 20

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.truncated = False
        super().__init__(field, request, params, model, model_admin, field_path)
        if self.truncated:
            self.title = gettext("%(title)s (the %(count)d most used)") % {"title": self.title, "count": self.limit}

    def field_choices(self, field, request, model_admin):
        rows, column = naming_rows(field)
        uses = rows.order_by().values(column).annotate(n=Count("*")).values("n")
        # One query whatever the number of objects: EXISTS and the counts probe an index an object.
        named = field.related_model._default_manager.filter(Exists(rows))
        shown = list(named.annotate(uses=Coalesce(Subquery(uses), 0)).order_by("-uses", "pk")[: self.limit + 1])
        self.truncated = len(shown) > self.limit
        shown = shown[: self.limit]
        chosen = [value for value in self.lookup_val or [] if is_id(field.target_field, value)]
        shown += named.filter(pk__in=chosen).exclude(pk__in=[obj.pk for obj in shown])
        return [(obj.pk, str(obj)) for obj in sorted(shown, key=str)]
