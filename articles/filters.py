"""
Faceted filtering from a query string: themes (all must apply), person, source, year range
and kind. The URL is the whole state; each facet's options are counted within the current
selection with one grouped query per facet, and each facet offers at most FACET_OPTIONS of
them, those with the most matches, so that its list stays the same length as content grows.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import Coalesce, ExtractYear, NullIf
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .i18n import TRANSLATED_LANGUAGES, active_language
from .models import Article, Person, Source, Theme, tagged_ids
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


@dataclass(frozen=True)
class FacetConfig:
    """Where each facet lives on one filterable model."""

    tagged: str  # the content in TAGGED_ITEMS: "fact" or "article"
    theme_relation: str
    person_path: str
    source_path: str
    date_path: str
    kinds: dict = field(default_factory=dict)


FACT_FACETS = FacetConfig(
    tagged="fact",
    theme_relation="tagged_facts",
    person_path="person",
    source_path="article__source",
    date_path="date",
    kinds={
        "figure": (_("Figures"), Q(value__isnull=False)),
        "dated": (_("Dated"), Q(date__isnull=False)),
        "statement": (_("Statements"), Q(value__isnull=True, date__isnull=True)),
    },
)
ARTICLE_FACETS = FacetConfig(
    tagged="article",
    theme_relation="tagged_articles",
    person_path="interviewee",
    source_path="source",
    date_path="original_date",
    kinds={kind: (label, Q(kind=kind)) for kind, label in Article.Kind.choices},
)


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
    return gettext("No theme is called %(slugs)s; ignored.") % {"slugs": ", ".join(slugs)}


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
    answer does not tell an unannounced interviewee from a mistyped name.
    """

    def __init__(self, params, queryset, config, fixed_theme=None):
        self.params, self.config, self.notices = params, config, []
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
        self.queryset = self.apply(queryset)

    def parse_themes(self):
        slugs = list(dict.fromkeys(self.params.getlist("theme")))
        if len(slugs) > MAX_THEMES:
            self.notices.append(too_many_themes())
            slugs = slugs[:MAX_THEMES]
        # Old slugs of renamed or merged themes select the theme they lead to.
        valid = [slug for slug in slugs if re.fullmatch(SLUG_PATTERN, slug)]
        found = Theme.objects.in_use().by_slug(valid) if valid else {}
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

    def apply(self, queryset):
        config = self.config
        for theme in [self.fixed_theme, *self.themes]:
            if theme is not None:
                queryset = queryset.filter(pk__in=tagged_ids(config.tagged, theme))
        if self.person:
            queryset = queryset.filter(**{config.person_path: self.person})
        if self.source:
            queryset = queryset.filter(**{config.source_path: self.source})
        if self.year_from:
            queryset = queryset.filter(**{f"{config.date_path}__year__gte": self.year_from})
        if self.year_to:
            queryset = queryset.filter(**{f"{config.date_path}__year__lte": self.year_to})
        if self.kind:
            queryset = queryset.filter(config.kinds[self.kind][1])
        return queryset

    @property
    def grouped(self):
        """The filtered rows without ordering, select_related or prefetching, for counting."""
        return self.queryset.model.objects.filter(pk__in=self.queryset.values("pk"))

    def theme_options(self):
        # Links name themes by their slug in the page's language.
        slugs = [theme.local_slug for theme in self.themes]
        relation = self.config.theme_relation
        themes = (
            Theme.objects.exclude(pk__in=[theme.pk for theme in [self.fixed_theme, *self.themes] if theme])
            .filter(**{f"{relation}__content_object__in": self.queryset.values("pk")})
            .annotate(count=Count(relation))
            .order_by("-count", "pk")[:FACET_OPTIONS]
        )
        options = [
            Option(
                theme.local_slug,
                theme.local_name,
                theme.count,
                query_url(self.params, theme=[*slugs, theme.local_slug]),
            )
            for theme in themes
        ]
        return sorted(options, key=by_label)

    def grouped_options(self, path, value_field, label):
        """Return the options of the facet at `path`, by `value_field`, named by the expression `label`."""
        rows = (
            self.grouped.filter(**{f"{path}__isnull": False})
            .values(f"{path}__{value_field}", label=label)
            .annotate(count=Count("pk"))
            .order_by("-count", "label")[:FACET_OPTIONS]
        )
        options = [Option(str(row[f"{path}__{value_field}"]), row["label"], row["count"]) for row in rows]
        return sorted(options, key=by_label)

    def person_options(self):
        """The people, named as readers of the page's language know them (their English name otherwise)."""
        path, language = self.config.person_path, active_language()
        name = F(f"{path}__name")
        if language in TRANSLATED_LANGUAGES:
            name = Coalesce(NullIf(f"{path}__name_{language}", Value("")), name)
        return self.grouped_options(path, "slug", name)

    def source_options(self):
        return self.grouped_options(self.config.source_path, "pk", F(f"{self.config.source_path}__name"))

    def year_options(self):
        chosen = [year for year in (self.year_from, self.year_to) if year]
        # The chosen years first, so that they are among the options with their counts. Only when
        # there are some: without, the Case would be the constant 1, which PostgreSQL reads as
        # "order by the first column".
        chosen_first = [Case(When(year__in=chosen, then=0), default=1)] if chosen else []
        rows = (
            self.grouped.exclude(**{self.config.date_path: None})
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
        counts = self.grouped.aggregate(**{kind: Count("pk", filter=q) for kind, (_, q) in self.config.kinds.items()})
        return [
            Option(kind, label, counts[kind], query_url(self.params, kind=kind), kind == self.kind)
            for kind, (label, _) in self.config.kinds.items()
            if counts[kind] or kind == self.kind
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
