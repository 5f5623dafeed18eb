"""The reader search: published articles, Q&A pairs and facts matching words, ranked."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, Q, Value, When
from django.db.models.expressions import RawSQL
from django.shortcuts import render
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ..filters import MAX_THEMES, SLUG_PATTERN, no_such_themes, too_many_themes, unknown_parameters
from ..models import Article, Fact, QAPair, Theme, prefetch_themes

MAX_QUERY_LENGTH = 200
RESULTS_PER_TYPE = 20
EXCERPT_LENGTH = 200
# The content is written in English: the English configuration stems words, so that
# "investments" finds "investment", and drops words too common to search for ("the", "of").
# On PostgreSQL, migration 0010_search_documents stores each row's vector, built with this
# configuration from the heading and body fields below, in the indexed column DOCUMENT_COLUMN;
# change them together (tests/test_search.py compares the stored vectors with these fields).
SEARCH_CONFIG = "english"
DOCUMENT_COLUMN = "search_document"
# Control characters only break excerpts, and PostgreSQL refuses NUL in text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ResultType:
    """
    One type of searchable content: words in its `heading` field rank above words in its `body`
    fields; `order` breaks ties.
    """

    label: str
    model: type
    heading: str
    body: tuple
    related: tuple
    order: tuple
    # Texts of the related objects that a result does not show.
    unshown: tuple = ()

    def document(self):
        """
        Return the searched document, heading words weighted A and body words B, as PostgreSQL
        stores it for each row.
        """
        column = f"{connection.ops.quote_name(self.model._meta.db_table)}.{DOCUMENT_COLUMN}"
        return RawSQL(column, [], output_field=SearchVectorField())

    def search(self, query, words, themes):
        """
        Return the published objects matching `query` and carrying every one of `themes`, best
        first: on PostgreSQL by full-text rank, elsewhere those containing every one of
        `words`, by how many of them the heading contains.
        """
        found = self.model.objects.published()
        if connection.vendor == "postgresql":
            document = self.document()
            search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
            found = found.alias(document=document).filter(document=search_query)
            rank = SearchRank(document, search_query)
        else:
            rank = Value(0)
            for word in words:
                in_heading = Q(**{f"{self.heading}__icontains": word})
                in_body = Q.create([(f"{field}__icontains", word) for field in self.body], connector=Q.OR)
                found = found.filter(in_heading | in_body)
                rank += Case(When(in_heading, then=1), default=0)
        for theme in themes:
            found = found.filter(tagged_items__tag=theme)
        return found.annotate(rank=rank).order_by("-rank", *self.order)


RESULT_TYPES = [
    ResultType(_("Articles"), Article, "title", ("standfirst", "intro"), (), ("-published_at", "-pk")),
    ResultType(
        _("Q&A pairs"),
        QAPair,
        "prompt",
        ("answer",),
        ("article",),
        ("-article__published_at", "article_id", "position"),
        ("article__standfirst", "article__intro"),
    ),
    ResultType(
        _("Facts"),
        Fact,
        "statement",
        ("quote",),
        ("article", "pair"),
        ("-article__published_at", "article_id", "pk"),
        ("article__standfirst", "article__intro", "pair__prompt", "pair__answer"),
    ),
]


@dataclass
class Result:
    url: str
    heading: str
    excerpt: str
    article: Article | None
    themes: list
    # The language the result's text is written in: its article's.
    language: str


def word_pattern(words):
    """Return a pattern matching each whole word that begins with one of `words`, in any case."""
    alternatives = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


def highlight(text, pattern):
    """Return `text` escaped, with each match of `pattern` wrapped in <mark>."""
    pieces, end = [], 0
    for match in pattern.finditer(text):
        pieces.append((text[end : match.start()], match.group()))
        end = match.end()
    return format_html("{}{}", format_html_join("", "{}<mark>{}</mark>", pieces), text[end:])


def excerpt(text, pattern):
    """
    Return about EXCERPT_LENGTH characters of `text` on one line, starting a little before the
    first match of `pattern`, cut at spaces where it can be and with … where text is left out.
    """
    text = " ".join(text.split())
    match = pattern.search(text)
    start = max(0, min(match.start() - EXCERPT_LENGTH // 4, len(text) - EXCERPT_LENGTH)) if match else 0
    end = start + EXCERPT_LENGTH
    if start and (space := text.find(" ", start, match.start())) >= 0:
        start = space + 1
    if end < len(text) and (space := text.rfind(" ", start, end)) > start:
        end = space
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def result(obj, result_type, pattern):
    """Return what the page shows of `obj`: its heading and an excerpt of its body, highlighted."""
    body = " ".join(getattr(obj, field) for field in result_type.body)
    return Result(
        url=obj.get_absolute_url(),
        heading=highlight(getattr(obj, result_type.heading), pattern),
        excerpt=highlight(excerpt(body, pattern), pattern),
        article=getattr(obj, "article", None),
        themes=obj.theme_list,
        language=obj.language if isinstance(obj, Article) else obj.article.language,
    )


def clean_query(text, notices):
    """Return `text` on one line without control characters, cut to MAX_QUERY_LENGTH."""
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
        query = query[:MAX_QUERY_LENGTH].rstrip()
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
    given (all must apply). Odd input is cleaned or ignored with a notice, never an error.
    """
    notices = []
    unknown = sorted(set(request.GET) - {"q", "theme"})
    if unknown:
        notices.append(unknown_parameters(unknown))
    query = clean_query(request.GET.get("q", ""), notices)
    words = list(dict.fromkeys(re.findall(r"\w+", query)))
    if query and not words:
        notices.append(gettext("Searches need letters or digits: punctuation alone matches nothing."))
    selected = selected_themes(request.GET.getlist("theme"), notices)
    selected_slugs = [theme.local_slug for theme in selected]
    for theme in selected:
        theme.query = [slug for slug in selected_slugs if slug != theme.local_slug]

    groups = []
    if words:
        pattern = word_pattern(words)
        for result_type in RESULT_TYPES:
            found = result_type.search(query, words, selected)
            shown = (
                found.select_related(*result_type.related)
                .defer(*result_type.unshown)
                .prefetch_related(prefetch_themes())[:RESULTS_PER_TYPE]
            )
            groups.append(
                {
                    "label": result_type.label,
                    "count": found.count(),
                    "results": [result(obj, result_type, pattern) for obj in shown],
                }
            )
    context = {
        "query": query,
        "searched": bool(words),
        "groups": groups,
        "total": sum(group["count"] for group in groups),
        "selected": selected,
        "themes": Theme.objects.in_use().exclude(pk__in=[theme.pk for theme in selected]).in_local_order(),
        "notices": notices,
    }
    return render(request, "articles/search.html", context)
