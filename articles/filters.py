"""
Faceted filtering from a query string: themes (all must apply), person, source, year range
and kind. The URL is the whole state; each facet's options are counted within the current
selection (the kinds, which replace one another, within the other filters' selection), and each
facet offers at most FACET_OPTIONS of them, those with the most matches, so that its list stays
the same length as content grows. The selection, its counts and its pages come from the facet
index (facet_index.py); while there is none, from one grouped query per facet and a page of the
filtered queryset, with the same results.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Case, Count, When
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext, ngettext

from .facet_index import current_index
from .models import Person, Source, Theme, tagged_ids
from .query_strings import canonical_query

# A theme slug: letters of any script, digits, hyphens and underscores.
SLUG_PATTERN = r"[-\w]+"
MAX_THEMES = 5
FACET_OPTIONS = 20
YEARS = range(1000, 3000)
# The query parameters of a faceted list, in their canonical order (query_strings.py); `theme`
# may be given more than once. Downloads take the filters without `page`.
FILTERS = ("theme", "person", "source", "from", "to", "kind")
PARAMETERS = (*FILTERS, "page")
REPEATABLE = ("theme",)


@dataclass
class Option:
    value: str
    label: str
    count: int
    url: str = ""
    selected: bool = False


def query_url(params, **changes):
    """
    Return "?query" for `params` with `changes` applied (None removes, a list sets several),
    spelled canonically and without `page`: a changed filter starts from the first page.
    """
    query = params.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        elif isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return f"?{canonical_query(query, FILTERS, REPEATABLE).urlencode()}"


def too_many_themes():
    """Return the notice that themes past MAX_THEMES were ignored."""
    return ngettext(
        "At most %(max)d theme can be combined; the rest were ignored.",
        "At most %(max)d themes can be combined; the rest were ignored.",
        MAX_THEMES,
    ) % {"max": MAX_THEMES}


def no_such_themes(slugs):
    """Return the notice that `slugs` name no theme and were ignored."""
    return ngettext(
        "No theme is called %(slugs)s; ignored.", "No themes are called %(slugs)s; ignored.", len(slugs)
    ) % {"slugs": ", ".join(slugs)}


def by_label(option):
    """Sort options by their label as readers compare it: without regard to case."""
    return option.label.casefold(), option.label


def year_of(value):
    return int(value) if value.isascii() and value.isdigit() and int(value) in YEARS else None


class Facets:
    """
    Filter `queryset` by the facets named in `params` (a QueryDict); `fixed_theme` is always
    applied and offered neither as an option nor as a removable filter (a theme's own page).
    Values that match nothing are ignored and reported in `notices` (the views read no other
    parameters than PARAMETERS: query_strings.accepts()). A theme, person or source that no
    published content uses is unknown, with the very notice of one that does not exist: the
    answer does not tell an unannounced interviewee from a mistyped name. With `index` false
    (exports, which stream `queryset`), the facet index is not read, nor built.
    """

    def __init__(self, params, queryset, config, fixed_theme=None, index=True):
        self.params, self.config, self.notices = params, config, []
        self.reads_index = index
        self.rows = queryset
        self.fixed_theme = fixed_theme
        self.themes = self.parse_themes()
        person = params.get("person", "")
        self.person = self.parse_one(
            "person",
            Person.objects.in_use().filter(slug=person) if re.fullmatch(SLUG_PATTERN, person) else None,
            gettext("No person matches “%(value)s”; ignored."),
        )
        source = params.get("source", "")
        self.source = self.parse_one(
            "source",
            Source.objects.in_use().filter(pk=source) if source.isascii() and source.isdigit() else None,
            gettext("No source matches “%(value)s”; ignored."),
        )
        self.year_from, self.year_to = self.parse_year("from"), self.parse_year("to")
        if self.year_from and self.year_to and self.year_from > self.year_to:
            self.notices.append(gettext("The year range was reversed; it now runs from the earlier year."))
            self.year_from, self.year_to = self.year_to, self.year_from
        self.kind = params.get("kind") or None
        if self.kind is not None and self.kind not in config.kinds:
            self.notices.append(gettext("No kind is called %(kind)s; ignored.") % {"kind": self.kind})
            self.kind = None

    @cached_property
    def queryset(self):
        """The matching rows, filtered in the database: what exports stream, and pages read without the index."""
        return self.apply(self.rows)

    @cached_property
    def index(self):
        """The facet index, unless the caller reads only `queryset` (exports, which stream it)."""
        return current_index() if self.reads_index else None

    @cached_property
    def listing(self):
        return self.index.listing(self.config)

    @cached_property
    def selection(self):
        """The numbers of the matching rows in the index's listing."""
        return self.listing.select(self.chosen(), (self.year_from, self.year_to))

    @cached_property
    def matches(self):
        """The matching rows, for a Paginator: read by key from the index, else the filtered queryset."""
        return self.listing.rows(self.rows, self.selection) if self.index else self.queryset

    def parse_themes(self):
        slugs = list(dict.fromkeys(self.params.getlist("theme")))
        if len(slugs) > MAX_THEMES:
            self.notices.append(too_many_themes())
            slugs = slugs[:MAX_THEMES]
        # Old slugs of renamed or merged themes select the theme they lead to.
        valid = [slug for slug in slugs if re.fullmatch(SLUG_PATTERN, slug)]
        themes = self.index.themes_in_use(Theme.objects.all(), counts=False) if self.index else Theme.objects.in_use()
        found = themes.by_slug(valid) if valid else {}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            self.notices.append(no_such_themes(missing))
        return list(dict.fromkeys(found[slug] for slug in slugs if slug in found))

    def parse_one(self, name, queryset, notice):
        """Return the object `queryset` finds for parameter `name`; note `notice` if it finds none."""
        if not self.params.get(name):
            return None
        found = queryset.first() if queryset is not None else None
        if found is None:
            self.notices.append(notice % {"value": self.params[name]})
        return found

    def parse_year(self, name):
        value = self.params.get(name)
        if not value:
            return None
        year = year_of(value)
        if year is None:
            self.notices.append(gettext("“%(value)s” is not a year; ignored.") % {"value": value})
        return year

    def apply(self, queryset, kind=True):
        """Return `queryset` narrowed by the chosen values; by the chosen kind's if `kind`."""
        config = self.config
        for theme in [self.fixed_theme, *self.themes]:
            if theme is not None:
                queryset = queryset.filter(pk__in=tagged_ids(config.model._meta.model_name, theme))
        if self.person:
            queryset = queryset.filter(**{config.person_path: self.person})
        if self.source:
            queryset = queryset.filter(**{config.source_path: self.source})
        if self.year_from:
            queryset = queryset.filter(**{f"{config.date_path}__year__gte": self.year_from})
        if self.year_to:
            queryset = queryset.filter(**{f"{config.date_path}__year__lte": self.year_to})
        if self.kind and kind:
            queryset = queryset.filter(config.kinds[self.kind][1])
        return queryset

    def chosen(self, kind=True):
        """Return the chosen values as the facet index names them: (facet, value) pairs; the kind's if `kind`."""
        chosen = [("theme", theme.pk) for theme in [self.fixed_theme, *self.themes] if theme]
        if self.person:
            chosen.append(("person", self.person.pk))
        if self.source:
            chosen.append(("source", self.source.pk))
        if self.kind and kind:
            chosen.append(("kind", self.kind))
        return chosen

    def grouped(self, queryset=None):
        """The rows of `queryset` (the filtered rows) without ordering, select_related or prefetching, for counting."""
        queryset = self.queryset if queryset is None else queryset
        return queryset.model.objects.filter(pk__in=queryset.values("pk"))

    def theme_options(self):
        # Links name themes by their slug in the page's language.
        slugs = [theme.local_slug for theme in self.themes]
        chosen = [theme.pk for theme in [self.fixed_theme, *self.themes] if theme]
        if self.index:
            counts = self.listing.top("theme", self.selection, FACET_OPTIONS, exclude=chosen)
            themes = [(theme, counts[theme.pk]) for theme in Theme.objects.filter(pk__in=counts)]
        else:
            relation = self.config.theme_relation
            counted = (
                Theme.objects.exclude(pk__in=chosen)
                .filter(**{f"{relation}__content_object__in": self.queryset.values("pk")})
                .annotate(count=Count(relation))
                .order_by("-count", "pk")[:FACET_OPTIONS]
            )
            themes = [(theme, theme.count) for theme in counted]
        options = [
            Option(theme.local_slug, theme.local_name, count, query_url(self.params, theme=[*slugs, theme.local_slug]))
            for theme, count in themes
        ]
        return sorted(options, key=by_label)

    def counted(self, facet, path, model):
        """
        Return the objects of `model` that the most matching rows name at `path` (the facet
        `facet` of the index), those with the same count by primary key, each with its count.
        """
        if self.index:
            counts = self.listing.top(facet, self.selection, FACET_OPTIONS)
        else:
            rows = (
                self.grouped()
                .filter(**{f"{path}__isnull": False})
                .values(path)
                .annotate(count=Count("pk"))
                .order_by("-count", path)[:FACET_OPTIONS]
            )
            counts = {row[path]: row["count"] for row in rows}
        return [(found, counts[found.pk]) for found in model.objects.filter(pk__in=counts)]

    def person_options(self):
        """The people, named as readers of the page's language know them (their English name otherwise)."""
        people = self.counted("person", self.config.person_path, Person)
        return sorted((Option(person.slug, person.local_name, count) for person, count in people), key=by_label)

    def source_options(self):
        sources = self.counted("source", self.config.source_path, Source)
        return sorted((Option(str(source.pk), source.name, count) for source, count in sources), key=by_label)

    def year_options(self):
        chosen = [year for year in (self.year_from, self.year_to) if year]
        if self.index:
            found = self.listing.counts("year", self.selection)
            best = sorted(found, key=lambda year: (year not in chosen, -found[year], -year))[:FACET_OPTIONS]
            counts = {year: found[year] for year in best}
        else:
            # The chosen years first, so that they are among the options with their counts. Only
            # when there are some: without, the Case would be the constant 1, which PostgreSQL
            # reads as "order by the first column".
            chosen_first = [Case(When(year__in=chosen, then=0), default=1)] if chosen else []
            rows = (
                self.grouped()
                .exclude(**{self.config.date_path: None})
                .annotate(year=ExtractYear(self.config.date_path))
                .values("year")
                .annotate(count=Count("pk"))
                .order_by(*chosen_first, "-count", "-year")[:FACET_OPTIONS]
            )
            counts = {row["year"]: row["count"] for row in rows}
        # Keep the chosen years selectable even when no row falls in them exactly.
        years = sorted({*counts, *chosen})
        return [Option(str(year), str(year), counts.get(year, 0)) for year in years]

    def kind_options(self):
        """
        The kinds, each counted over the rows the other filters match: choosing one replaces the
        chosen kind, so each count is what the list shows once it is chosen (a row may be of two
        kinds, a dated figure).
        """
        if self.index:
            years = (self.year_from, self.year_to)
            selection = self.listing.select(self.chosen(kind=False), years) if self.kind else self.selection
            counts = self.listing.counts("kind", selection)
        else:
            kinds = self.config.kinds.items()
            rows = self.grouped(self.apply(self.rows, kind=False)) if self.kind else self.grouped()
            counts = rows.aggregate(**{kind: Count("pk", filter=q) for kind, (_, q) in kinds})
        return [
            Option(kind, label, counts.get(kind, 0), query_url(self.params, kind=kind), kind == self.kind)
            for kind, (label, _) in self.config.kinds.items()
            if counts.get(kind) or kind == self.kind
        ]

    def active(self):
        """Return the active filters as options whose `url` removes them, in one click each."""
        slugs = [theme.local_slug for theme in self.themes]
        chips = [
            Option(
                theme.local_slug,
                gettext("Theme: %(theme)s") % {"theme": theme.local_name},
                0,
                query_url(self.params, theme=[s for s in slugs if s != theme.local_slug]),
            )
            for theme in self.themes
        ]
        if self.person:
            label = gettext("Person: %(person)s") % {"person": self.person.local_name}
            chips.append(Option(self.person.slug, label, 0, query_url(self.params, person=None)))
        if self.source:
            label = gettext("Source: %(source)s") % {"source": self.source}
            chips.append(Option(str(self.source.pk), label, 0, query_url(self.params, source=None)))
        if self.year_from:
            chips.append(
                Option(
                    str(self.year_from),
                    gettext("From %(year)s") % {"year": self.year_from},
                    0,
                    query_url(self.params, **{"from": None}),
                )
            )
        if self.year_to:
            label = gettext("To %(year)s") % {"year": self.year_to}
            chips.append(Option(str(self.year_to), label, 0, query_url(self.params, to=None)))
        if self.kind:
            label = gettext("Kind: %(kind)s") % {"kind": self.config.kinds[self.kind][0]}
            chips.append(Option(self.kind, label, 0, query_url(self.params, kind=None)))
        return chips

    def context(self):
        """Return what templates/includes/facets.html shows."""
        return {
            "facets": self,
            "selected_themes": self.themes,
            "theme_options": self.theme_options(),
            "person_options": self.person_options(),
            "source_options": self.source_options(),
            "year_options": self.year_options(),
            "kind_options": self.kind_options(),
            "active_filters": self.active(),
            "notices": self.notices,
        }
