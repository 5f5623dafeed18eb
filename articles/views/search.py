"""
The reader search: published articles, Q&A pairs and fact wordings matching words, in every
language, ranked, those in the page's language first (docs/search.md).
"""

import operator
import re
from dataclasses import dataclass
from functools import cached_property, reduce

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import Case, CharField, FloatField, IntegerField, Q, Value, When, prefetch_related_objects
from django.db.models.functions import Cast
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ..filters import MAX_THEMES, SLUG_PATTERN, no_such_themes, too_many_themes
from ..i18n import active_language, language_codes
from ..models import SearchEntry, Theme, prefetch_themes
from ..models.search import entry_document
from ..queries import themes_in_use
from ..query_strings import private_if
from ..search_index import WORDS_TABLE
from ..search_text import PREFIX, highlight_spans, query_terms, spans, tsquery, words

MAX_QUERY_LENGTH = 200
RESULTS_PER_TYPE = 20
# The most matching entries of each type a search ranks and counts: past it the page says "more
# than", and a common word costs no more than a rarer one (docs/search.md).
SEARCH_CANDIDATES = 1000
EXCERPT_LENGTH = 200
# When an entry's article was published, as text: ISO 8601 in UTC on both databases, which sorts
# as the times do, and is read without the conversion to a datetime that costs each candidate.
PUBLISHED = Cast("article__published_at", CharField())
# Control characters only break excerpts, and PostgreSQL refuses NUL in text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# What a result written in another language than the page's says it is written in.
WRITTEN_IN = {
    "en": pgettext_lazy("search result written in", "In English"),
    "es": pgettext_lazy("search result written in", "In Spanish"),
    "ko": pgettext_lazy("search result written in", "In Korean"),
}


@dataclass(frozen=True)
class ResultType:
    """One type of searchable content: its entries' kind, and the object whose themes they carry."""

    label: str
    kind: str
    themed: str


RESULT_TYPES = [
    ResultType(_("Articles"), SearchEntry.Kind.ARTICLE, "original_article"),
    ResultType(_("Q&A pairs"), SearchEntry.Kind.PAIR, "original_pair"),
    ResultType(_("Facts"), SearchEntry.Kind.FACT, "fact"),
]
# What the results page reads of each entry and the rows it leads to (address()), and the keys
# of the objects it shows the themes of (RESULT_TYPES' themed).
SHOWN = [
    "kind",
    "language",
    "heading",
    "body",
    "article__slug",
    "article__title",
    "pair__anchor",
    "fact__pair__anchor",
    *(result_type.themed for result_type in RESULT_TYPES),
]


def term_rank(term):
    """Return the rank of an entry for `term` (one of query_terms()): 2 if its heading holds it, 1 if its body does."""
    text = f" {term[:-1]}" if term.endswith(PREFIX) else f" {term} "
    in_heading, in_body = Q(heading_terms__contains=text), Q(body_terms__contains=text)
    return Case(When(in_heading, then=2), default=0) + Case(When(in_body, then=1), default=0)


def words_query(kind, per_terms):
    """
    Return the SQLite full-text query (FTS5) of the entries of `kind` holding, in one of the
    languages of each item of `per_terms`, every one of its terms (query_terms()).
    """

    def string(term):
        quoted = '"{}"'.format(term.removesuffix(PREFIX).replace('"', '""'))
        return f"{quoted}*" if term.endswith(PREFIX) else quoted

    groups = []
    for terms, languages in per_terms.items():
        group = " AND ".join(f"{{heading_terms body_terms}}:{string(term)}" for term in terms)
        # Every language reading the query alike needs no condition on the language.
        if set(languages) != set(language_codes()):
            group = "({}) AND {}".format(" OR ".join(f"language:{string(language)}" for language in languages), group)
        groups.append(f"({group})")
    return f"kind:{string(kind)} AND ({' OR '.join(groups)})"


def matching(query, themes):
    """
    Return, for each of RESULT_TYPES, its published entries that carry every one of `themes`
    and contain every word of `query` as their own language reads it, as best() reads them: key,
    language, rank, publication time and article. On PostgreSQL they are found and ranked by its
    text index, on SQLite found by its full-text index (migration 0024) and ranked by where each
    term is. Languages that read the query alike share one condition. What does not depend on
    the type is built once, for the three.
    """
    per_terms = {}
    for language in language_codes():
        if terms := tuple(query_terms(query, language)):
            per_terms.setdefault(terms, []).append(language)
    found = SearchEntry.objects.published()
    if not per_terms:
        return [found.none() for _ in RESULT_TYPES]
    ranks = []
    if connection.vendor == "postgresql":
        document = entry_document()
        found, conditions = found.alias(document=document), Q(pk__in=[])
        for terms, languages in per_terms.items():
            query = tsquery(terms)
            # As on SQLite, every language reading the query alike needs no condition on the language.
            conditions |= (
                Q(document=query)
                if set(languages) == set(language_codes())
                else Q(language__in=languages, document=query)
            )
            ranks.append(When(language__in=languages, then=SearchRank(document, query)))
        # Each group's words once, each group a scan of the GIN index: matched twice, they made the
        # planner expect a fraction of the matches and join them to every article (docs/search.md).
        found = found.filter(conditions)
        rank = Case(*ranks, default=Value(0.0), output_field=FloatField())
    else:
        for terms, languages in per_terms.items():
            ranks.append(When(language__in=languages, then=reduce(operator.add, map(term_rank, terms))))
        rank = Case(*ranks, default=Value(0), output_field=IntegerField())
    found = found.order_by().values_list("pk", "language", rank, PUBLISHED, "article_id")
    typed = []
    for result_type in RESULT_TYPES:
        of_type = found.filter(kind=result_type.kind)
        for theme in themes:
            of_type = of_type.filter(**{f"{result_type.themed}__tagged_items__tag": theme})
        if connection.vendor == "sqlite":
            of_type = of_type.extra(
                tables=[WORDS_TABLE],
                where=[f"{WORDS_TABLE}.rowid = {SearchEntry._meta.db_table}.id", f"{WORDS_TABLE} MATCH %s"],
                params=[words_query(result_type.kind, per_terms)],
            )
        typed.append(of_type)
    return typed


def best(found, language):
    """
    Return how many entries `found` (one of matching()'s) holds, counted to SEARCH_CANDIDATES +
    1, and the keys of the RESULTS_PER_TYPE best of the first SEARCH_CANDIDATES the database
    finds: those in `language` (the page's) first, then best ranked, newest, in order of article
    and key. One query reads both and stops at the bound, instead of ranking every match.
    """
    rows = list(found[: SEARCH_CANDIDATES + 1])
    order = sorted(rows[:SEARCH_CANDIDATES], key=lambda row: (row[4], row[0]))
    order.sort(key=lambda row: row[3], reverse=True)
    order.sort(key=lambda row: (row[1] != language, -row[2]))
    return len(rows), [row[0] for row in order[:RESULTS_PER_TYPE]]


def shown(keys):
    """Return the entries of `keys` by key, with what their results show of them, in one query."""
    if not keys:
        return {}
    return SearchEntry.objects.select_related("article", "pair", "fact__pair").only(*SHOWN).in_bulk(keys)


def themed_object(entry, result_type):
    """
    Return the object whose themes the result of `entry` shows (RESULT_TYPES' themed), by its key
    alone, which is all that reading its themes needs; None if it has none.
    """
    key = getattr(entry, f"{result_type.themed}_id")
    return None if key is None else SearchEntry._meta.get_field(result_type.themed).related_model(pk=key)


@dataclass
class Result:
    url: str
    heading: str
    excerpt: str
    article: object
    # The article, pair or fact whose themes the result shows (None if none), and those of every
    # result of its type, whose themes are read together the first time one result's are shown.
    themed: object
    group: list
    # The language the result's text is written in, and what the page says of it when it is not the page's.
    language: str
    written_in: str

    @cached_property
    def themes(self):
        """The themes the result shows; a page whose theme lists are kept (kept.py) never reads them."""
        if self.themed is None:
            return []
        if not hasattr(self.themed, "prefetched_themes"):
            prefetch_related_objects(self.group, prefetch_themes())
        return self.themed.theme_list

    @property
    def themed_key(self):
        """What names the themed object's theme list among kept fragments, or None."""
        return self.themed and (self.themed._meta.model_name, self.themed.pk)


def highlight(text, spans):
    """Return `text` escaped, with each of `spans` (start, end) wrapped in <mark>."""
    pieces, end = [], 0
    for start, stop in spans:
        if start >= end:
            pieces += [escape(text[end:start]), "<mark>", escape(text[start:stop]), "</mark>"]
            end = stop
    pieces.append(escape(text[end:]))
    return mark_safe("".join(pieces))


def excerpt(text, first):
    """
    Return about EXCERPT_LENGTH characters of `text` on one line, starting a little before
    `first`, where the first match starts (None if none), cut at spaces where it can be and with
    … where text is left out.
    """
    start = max(0, min(first - EXCERPT_LENGTH // 4, len(text) - EXCERPT_LENGTH)) if first is not None else 0
    end = start + EXCERPT_LENGTH
    if start and (space := text.find(" ", start, first)) >= 0:
        start = space + 1
    if end < len(text) and (space := text.rfind(" ", start, end)) > start:
        end = space
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def address(entry):
    """Return where `entry` leads: its article, or the place of its pair or of its fact's quote there."""
    url = entry.article.get_absolute_url()
    if entry.kind == SearchEntry.Kind.PAIR:
        return f"{url}#{entry.pair.anchor}"
    if entry.kind == SearchEntry.Kind.FACT:
        return f"{url}#{entry.fact.pair.anchor if entry.fact.pair_id else 'intro'}"
    return url


def result(entry, themed, group, query, language):
    """
    Return what the page shows of `entry`: its heading and an excerpt of its body, highlighted,
    and the themes of `themed`, the object of `group` (those of its type's results) it carries.
    """
    body = " ".join(entry.body.split())
    first = next(spans(body, entry.language, query), None)
    shown = excerpt(body, first[0] if first else None)
    return Result(
        url=address(entry),
        heading=highlight(entry.heading, highlight_spans(entry.heading, entry.language, query)),
        excerpt=highlight(shown, highlight_spans(shown, entry.language, query)),
        article=entry.article if entry.kind != SearchEntry.Kind.ARTICLE else None,
        themed=themed,
        group=group,
        language=entry.language,
        written_in=WRITTEN_IN.get(entry.language, "") if entry.language != language else "",
    )


def clean_query(text, notices):
    """Return `text` on one line without control characters, cut to MAX_QUERY_LENGTH at the last word that fits."""
    query = " ".join(CONTROL_CHARACTERS.sub(" ", text).split())
    if len(query) > MAX_QUERY_LENGTH:
        notices.append(
            ngettext(
                "Searches are limited to %(max)d character; the rest was ignored.",
                "Searches are limited to %(max)d characters; the rest was ignored.",
                MAX_QUERY_LENGTH,
            )
            % {"max": MAX_QUERY_LENGTH}
        )
        cut = query[:MAX_QUERY_LENGTH]
        # Between words: a word cut short would be a word every match must contain.
        if query[MAX_QUERY_LENGTH] != " " and " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        query = cut.rstrip()
    return query


def selected_themes(slugs, notices):
    """Return the themes `slugs` name (at most MAX_THEMES), noting those that name none."""
    # The form's "Any theme" choice sends an empty slug.
    slugs = [slug for slug in dict.fromkeys(slugs) if slug]
    if len(slugs) > MAX_THEMES:
        notices.append(too_many_themes())
        slugs = slugs[:MAX_THEMES]
    # Old slugs of renamed or merged themes select the theme they lead to.
    valid = [slug for slug in slugs if re.fullmatch(SLUG_PATTERN, slug)]
    found = Theme.objects.in_use().by_slug(valid) if valid else {}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        notices.append(no_such_themes(missing))
    return list(dict.fromkeys(found[slug] for slug in slugs if slug in found))


@require_safe
def search(request):
    """
    Show the published articles, Q&A pairs and facts that match the words of `?q=`, best first
    and at most RESULTS_PER_TYPE of each type with its count, narrowed by every `?theme=<slug>`
    given (all must apply). Past SEARCH_CANDIDATES matches of a type, show the best of the first
    SEARCH_CANDIDATES and say there are more. Odd input is cleaned or ignored with a notice, never an
    error.
    """
    notices = []
    query = clean_query(request.GET.get("q", ""), notices)
    searched = bool(words(query))
    if query and not searched:
        notices.append(gettext("Searches need letters or digits: punctuation alone matches nothing."))
    selected = selected_themes(request.GET.getlist("theme"), notices)
    selected_slugs = [theme.local_slug for theme in selected]
    for theme in selected:
        theme.query = [slug for slug in selected_slugs if slug != theme.local_slug]

    groups = []
    language = active_language()
    if searched:
        bests = [best(found, language) for found in matching(query, selected)]
        entries = shown([key for _, keys in bests for key in keys])
        for result_type, (count, keys) in zip(RESULT_TYPES, bests, strict=True):
            objects = [themed_object(entries[key], result_type) for key in keys]
            group = [found for found in objects if found is not None]
            groups.append(
                {
                    "label": result_type.label,
                    "count": min(count, SEARCH_CANDIDATES),
                    "more": count > SEARCH_CANDIDATES,
                    "results": [
                        result(entries[key], found, group, query, language)
                        for key, found in zip(keys, objects, strict=True)
                    ],
                }
            )
    context = {
        "query": query,
        "searched": searched,
        "groups": groups,
        "total": sum(group["count"] for group in groups),
        "more": any(group["more"] for group in groups),
        "selected_themes": selected,
        # The themes to narrow by, built and read only where the page's choice of them is not kept (kept.py).
        "themes": SimpleLazyObject(
            lambda: themes_in_use(counts=False).exclude(pk__in=[theme.pk for theme in selected]).in_local_order()
        ),
        "themes_key": tuple(theme.pk for theme in selected),
        "notices": notices,
    }
    return private_if(notices, render(request, "articles/search.html", context))
