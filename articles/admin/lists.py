"""
What keeps the admin's lists as fast at 20,000 interviews as at 20 (docs/performance.md): sidebar
filters whose options stay few, searches of related texts that never make a list DISTINCT, and
autocompletes that search what they show.
"""

import re
from collections import Counter
from functools import reduce
from operator import attrgetter, or_
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import PAGE_VAR, SEARCH_VAR, ChangeList
from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext

from ..formatting import active_language, grouped
from ..models import SearchEntry
from ..models.search import entry_document
from ..search_text import query_terms, tsquery
from .common import is_id

# The rows whose related objects a bounded filter ranks, when there are too many to offer all.
RECENT_ROWS = 2000
# The matches a search of a list lists at most, the newest.
SEARCH_BOUND = 1000
# A Korean word of one or two syllables: no trigram in it for PostgreSQL's indexes to look up.
SHORT_KOREAN = re.compile(r"[\uac00-\ud7a3]{1,2}")


def is_autocomplete(request, model_admin):
    """Return whether `request` is one of the admin site's autocompletes (they search `model_admin`'s list)."""
    return request.path == reverse("admin:autocomplete", current_app=model_admin.admin_site.name)


def search_words(search_term):
    """
    Return the words of `search_term` as Django's admin search reads them: quoted phrases are one
    word; a quote left open or alone is no part of a word, and an empty word is none.
    """
    words = []
    for word in smart_split(search_term):
        if len(word) > 1 and word[0] in "\"'" and word[0] == word[-1]:
            word = unescape_string_literal(word)
        if word := word.strip("\"'"):
            words.append(word)
    return words


def containing(fields, word):
    """Return the condition that one of `fields` contains `word`, in any case."""
    return reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))


def table_searches(model, fields, word):
    """
    Return the conditions that one of `fields` of `model` (its own, or a foreign key's as
    "interviewee__name") contains `word`: one a table, whose fields are searched together, its
    own in the row, a foreign key's through an uncorrelated subquery that PostgreSQL reads once
    through the trigram indexes of the searched columns (migration 0019).
    """
    by_table = {}
    for field in fields:
        relation, _, rest = field.rpartition("__")
        by_table.setdefault(relation, []).append(rest)
    own = by_table.pop("", None)
    conditions = [containing(own, word)] if own else []
    for relation, names in by_table.items():
        related = model._meta.get_field(relation).related_model._default_manager
        conditions.append(Q(**{f"{relation}__in": related.filter(containing(names, word)).values("pk")}))
    return conditions


class UncountedChangeList(ChangeList):
    """
    The list of an admin that does not count all its rows (`show_full_result_count` off): with no
    search nor filter, the rows it counted are all of them. Django said "289 results (Show all)"
    over the whole list, its link leading to the same list.
    """

    def get_results(self, request):
        super().get_results(request)
        if self.full_result_count is None and not self.query and not self.has_active_filters:
            self.full_result_count = self.result_count


class TableSearch:
    """
    Search `search_fields` (the model's own fields, or its foreign keys' as "interviewee__name",
    matched by icontains; at least one of its own) and the texts of the rows `related_search`
    names, (model, its field naming the row, its text fields): the related rows read once (IN) on
    PostgreSQL and with `related_search_once`, else through EXISTS. Django's admin joined a reverse relation and
    made the list DISTINCT over every column, for the page, its count and its date hierarchy
    alike. An autocomplete searches `autocomplete_search_fields` only: the titles it shows.

    A search lists its newest `search_bound` matches (by id), the way the reader search ranks a
    bounded set of candidates: counting every row that holds a common word read all of them,
    2 s on PostgreSQL for the 140,000 facts of 20,000 interviews that say "korean". The
    candidates are read newest first and stop at the bound, through one query a way of matching
    the first word (search_ways()), each with the other words' conditions: PostgreSQL plans
    each on its own, reading the newest rows of a common word and looking a rare one up in its
    trigram index (migration 0019).

    On PostgreSQL a Korean word of one or two syllables has no trigram for the indexes to look
    up: each search read every row's text (0.9–1.6 s a list at 20,000 interviews). It is looked
    up in the reader search's index instead, whose entries hold the syllable pairs of the same
    texts (docs/search.md), which find a word of one or two syllables wherever LIKE would:
    `entry_search` names the kinds of entries, their field naming the row, and the search
    fields (and `related_search`) they stand for.
    """

    related_search = None
    related_search_once = False
    entry_search = None
    autocomplete_search_fields = None
    search_bound = SEARCH_BOUND
    change_list_template = "admin/articles/change_list.html"

    @property
    def search_bound_display(self):
        """The bound as the admin's language groups its digits (1,000; 1.000)."""
        return grouped(self.search_bound, active_language())

    def changelist_view(self, request, extra_context=None):
        """
        Send a page of a search past the bound's last page (an address kept from before the
        bound) to that last page: Django sent it to the unsearched list, the search dropped.
        """
        page, last = request.GET.get(PAGE_VAR, ""), -(-self.search_bound // self.list_per_page)
        if search_words(request.GET.get(SEARCH_VAR, "")) and page.isdigit() and int(page) > last:
            return redirect(f"{request.path}?{urlencode({**request.GET.dict(), PAGE_VAR: last})}")
        return super().changelist_view(request, extra_context)

    def get_changelist(self, request, **kwargs):
        return UncountedChangeList

    def get_search_fields(self, request):
        if self.autocomplete_search_fields is not None and is_autocomplete(request, self):
            return self.autocomplete_search_fields
        return super().get_search_fields(request)

    def get_search_results(self, request, queryset, search_term):
        words = search_words(search_term)
        if is_autocomplete(request, self) or not words:
            return super().get_search_results(request, queryset, search_term)
        fields = self.get_search_fields(request)
        by_table = connections[queryset.db].vendor == "postgresql"
        ways = [self.search_ways(fields, word, by_table) for word in words]
        others = [reduce(or_, word_ways) for word_ways in ways[1:]]
        streams = [queryset.filter(way, *others).order_by("-pk").values("pk")[: self.search_bound] for way in ways[0]]
        candidates = streams[0].union(*streams[1:]).order_by("-pk")[: self.search_bound] if streams[1:] else streams[0]
        return queryset.filter(pk__in=candidates), False

    def search_ways(self, fields, word, by_table):
        """
        Return the conditions of which a row meets one when it holds `word`. On SQLite one, over
        the foreign keys' fields joined (which never repeats a row): it has no index for LIKE
        '%word%' and stops once it has read enough matching rows. On PostgreSQL one for the
        model's own fields and one a table searched, each answered by that table's indexes.
        """
        if not by_table:
            return [reduce(or_, self.related_ways(word, by_table), containing(fields, word))]
        if self.entry_search is not None and SHORT_KOREAN.fullmatch(word):
            kinds, link, texts = self.entry_search
            entries = SearchEntry.objects.filter(kind__in=kinds).alias(document=entry_document())
            found = Q(pk__in=entries.filter(document=tsquery(query_terms(word, "ko"))).values(link))
            return [found, *table_searches(self.model, [field for field in fields if field not in texts], word)]
        return [*table_searches(self.model, fields, word), *self.related_ways(word, by_table)]

    def related_ways(self, word, by_table):
        """Return the condition that one of the rows `related_search` names holds `word`, if it names some."""
        if self.related_search is None:
            return []
        model, link, texts = self.related_search
        related = model._default_manager.filter(containing(texts, word))
        if by_table or self.related_search_once:
            return [Q(pk__in=related.values(link))]
        return [Q(Exists(related.filter(**{link: OuterRef("pk")})))]


def naming_rows(field):
    """
    Return the rows that name a related object through `field` (a foreign key, or a tags
    manager's through-table), and the name of their column that holds it.
    """
    if field.many_to_many:
        through = field.remote_field.through
        column = next(
            f.name for f in through._meta.get_fields() if f.many_to_one and f.related_model is field.related_model
        )
        return through._default_manager.all(), column
    return field.model._default_manager.all(), field.name


def bounded_choices(field, chosen, limit, ordering=(), label=str):
    """
    Return the (id, label) choices of the objects that rows name through `field`: all of them if
    they are at most `limit`, else the `limit` named most often by the latest RECENT_ROWS rows;
    with those of `chosen` (values of the filter's parameter) too. Then whether some were left out.
    Three queries whatever the number of rows (counting every row's object took half a second on
    PostgreSQL for the facts of 20,000 interviews).
    """
    rows, column = naming_rows(field)
    related = field.related_model._default_manager
    # An EXISTS probe of an index an object, until `limit` + 1 are found.
    named = related.filter(Exists(rows.filter(**{column: OuterRef("pk")})))
    first = list(named.order_by(*(ordering or related.model._meta.ordering or ["pk"]))[: limit + 1])
    recent = rows.exclude(**{f"{column}__isnull": True}).order_by("-pk").values_list(column, flat=True)
    top = [pk for pk, _ in Counter(recent[:RECENT_ROWS]).most_common(limit)]
    chosen = [value for value in chosen if is_id(field.target_field, value)]
    truncated = len(first) > limit
    # Read whether they are shown or not, so that a list runs as many queries at any size.
    extra = list(related.filter(pk__in=[*top, *chosen]))
    shown = {obj.pk: obj for obj in extra if obj.pk in top} if truncated else {obj.pk: obj for obj in first}
    shown.update((obj.pk, obj) for obj in extra if str(obj.pk) in chosen)
    return [(obj.pk, label(obj)) for obj in sorted(shown.values(), key=label)], truncated


def bounded_title(title, limit):
    return gettext("%(title)s (the %(count)d most used lately)") % {"title": title, "count": limit}


class BoundedRelatedFilter(admin.RelatedFieldListFilter):
    """
    Offer the related objects that rows of the list name, at most `limit` (bounded_choices()); the
    others are found by the list's search. Django's RelatedOnlyFieldListFilter listed every one
    (2,500 people at 20,000 interviews) from a DISTINCT over a join of the whole list.
    """

    limit = 20

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.truncated = False
        super().__init__(field, request, params, model, model_admin, field_path)
        if self.truncated:
            self.title = bounded_title(self.title, self.limit)

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        choices, self.truncated = bounded_choices(field, self.lookup_val or [], self.limit, ordering)
        return choices


class ThemeFilter(admin.SimpleListFilter):
    """
    Offer the themes of the list's rows, at most `limit` (bounded_choices()), and keep the rows of
    the one chosen through a subquery over its rows of the through-table (tagged_ids): a filter
    across the tags joined them and made the list DISTINCT over every column, a second a page at
    20,000 interviews. Its parameter is the one Django's filter had, so saved links still work.
    """

    parameter_name = "themes__id__exact"
    field_path = "themes"
    limit = BoundedRelatedFilter.limit

    def __init__(self, request, params, model, model_admin):
        self.field = model._meta.get_field(self.field_path)
        self.title = self.field.verbose_name
        self.truncated = False
        super().__init__(request, params, model, model_admin)
        if self.truncated:
            self.title = bounded_title(self.title, self.limit)

    def lookups(self, request, model_admin):
        chosen = request.GET.getlist(self.parameter_name)
        # A theme by its name in the admin's language.
        choices, self.truncated = bounded_choices(self.field, chosen, self.limit, label=attrgetter("local_name"))
        return choices

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if not is_id(self.field.target_field, self.value()):
            raise IncorrectLookupParameters(f"“{self.value()}” is not an id.")
        rows, column = naming_rows(self.field)
        return queryset.filter(pk__in=rows.filter(**{column: self.value()}).values("content_object"))
