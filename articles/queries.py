"""
What the public pages read: published content, in a fixed number of queries, in the readers'
language.

Lists count and show originals and their claims once in every language. Each item carries its
version in the page's language where a published one exists (prefetched, one query a list), and
templates show that: `article.version` and `pair.version` (the translation, else the original),
`fact.wording` (the claim's wording in that language, else its own, labelled with its language).
"""

from dataclasses import dataclass, field

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject

from .facet_index import ARTICLE_FACETS, FACT_ORDER, PAIR_LIST, current_index
from .i18n import active_language, language_codes
from .models import Article, Fact, FactWording, Picture, QAPair, Theme, prefetch_themes, published_q, tagged_ids

# The home page shows the themes with the most facts; the theme list has them all.
HOME_THEMES = 12
LATEST_ARTICLES = 5
KEY_FIGURES = 6
THEME_PAGE_LIMIT = 20
RELATED_THEMES = 8


def page_of(request, queryset, per_page):
    """Return the page of `queryset` that `?page=` names; 404 for a page that does not exist."""
    try:
        return Paginator(queryset, per_page).page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page.") from None


def article_versions(language=None, lookup="translations"):
    """
    Prefetch, into `local_versions`, the published translation in `language` (the page's) of the
    articles `lookup` leads to.
    """
    versions = Article.objects.published().filter(language=language or active_language())
    return Prefetch(lookup, queryset=versions.defer("intro"), to_attr="local_versions")


def pair_versions(language=None, lookup="translations"):
    """
    Prefetch, into `local_versions`, the published translation in `language` (the page's) of the
    pairs `lookup` leads to.
    """
    versions = QAPair.objects.published().filter(article__language=language or active_language())
    return Prefetch(
        lookup, queryset=versions.select_related("article").defer("answer", "article__intro"), to_attr="local_versions"
    )


def wordings(queryset, lookup="wordings"):
    """Prefetch, into `local_wordings`, the wordings of `queryset` of the facts `lookup` leads to."""
    return Prefetch(lookup, queryset=queryset.select_related("article"), to_attr="local_wordings")


def published_wordings(language=None, lookup="wordings"):
    """
    Prefetch, into `local_wordings`, the published wording in `language` (the page's) of the facts
    `lookup` leads to.
    """
    found = FactWording.objects.filter(published_q("article__"), article__language=language or active_language())
    return wordings(found.defer("article__intro"), lookup)


def fact_cards(language=None):
    """
    Return published facts with what a fact card shows, each with its wording in `language` (the
    page's): not the texts of their answers and articles.
    """
    return (
        Fact.objects.published()
        .select_related("article", "pair", "person")
        .defer("pair__answer", "article__standfirst", "article__intro")
        .prefetch_related(prefetch_themes(), published_wordings(language))
        .order_by(*FACT_ORDER)
    )


def article_cards():
    """
    Return published originals with what an article card shows, newest first, each with its
    version in the page's language.
    """
    return (
        Article.objects.published()
        .originals()
        .select_related("interviewee", "source", "lead_picture")
        .defer("intro")
        .prefetch_related(prefetch_themes(), article_versions())
    )


def themes_in_use(counts=True):
    """
    Return the themes published content uses, from the facet index when it answers; with
    `counts`, each with its counts of published content.
    """
    if index := current_index():
        return index.themes_in_use(Theme.objects.all(), counts)
    themes = Theme.objects.in_use()
    return themes.with_counts() if counts else themes


def home_content():
    """
    Return what the home page shows: the latest articles, key figures and the busiest themes,
    each built when the page first reads it (never while the page's fragment is kept).
    """
    return {
        "articles": SimpleLazyObject(lambda: article_cards()[:LATEST_ARTICLES]),
        "themes": SimpleLazyObject(lambda: themes_in_use().in_local_order("-fact_count")[:HOME_THEMES]),
        "key_figures": SimpleLazyObject(key_figures),
    }


def key_figures():
    """Return the key figures the home page shows: each a figure, its statement and the words it comes from."""
    figures = (
        Fact.objects.published()
        .filter(is_key_figure=True)
        .select_related("article", "pair")
        .only(
            "statement",
            "quote",
            "value",
            "unit",
            "article__slug",
            "article__title",
            "article__language",
            "pair__anchor",
        )
        .prefetch_related(published_wordings())
        .order_by(*FACT_ORDER)
    )
    return figures[:KEY_FIGURES]


@dataclass
class Section:
    """One pair as an article page shows it: the pair in the page's version, and the facts it states."""

    pair: QAPair
    facts: list = field(default_factory=list)

    @property
    def prompt_wordings(self):
        """The wordings of the facts that quote the prompt, to mark their words in it."""
        return [fact.wording for fact in self.facts if fact.in_prompt]

    @property
    def answer_wordings(self):
        """The wordings of the facts that quote the answer, to mark their words in it."""
        return [fact.wording for fact in self.facts if not fact.in_prompt]


def article_page(article):
    """
    Return what `article`'s page shows of its pairs and facts: its sections, in order, and the
    facts of its intro. A translation shows its original's pairs in their order, each in the
    translation where it has one (else in the original's words), and its original's facts, each
    in the translation's wording where it has one; it shows its original's themes.
    """
    original = article.translation_of or article
    facts = original.facts.select_related("person").prefetch_related(prefetch_themes())
    if article.translation_of_id:
        facts = facts.prefetch_related(wordings(FactWording.objects.filter(article=article)))
    by_pair = {}
    for fact in facts.order_by("pk"):
        by_pair.setdefault(fact.pair_id, []).append(fact)
    pairs = original.pairs.prefetch_related(prefetch_themes()).order_by("position")
    translated = {}
    if article.translation_of_id:
        translated = {pair.original_id: pair for pair in article.pairs.exclude(original=None)}
    sections = []
    for pair in pairs:
        shown = translated.get(pair.pk, pair)
        shown.prefetched_themes = pair.theme_list
        sections.append(Section(shown, by_pair.get(pair.pk, [])))
    return sections, by_pair.get(None, [])


def article_detail_queryset(articles):
    """
    Return `articles` with what an article page reads with them: people, source and original.
    Its themes, pictures and other versions are read only where the page draws them.
    """
    return articles.select_related("interviewee", "interviewer", "source", "translation_of")


def article_pictures(article):
    """
    Return the pictures an article page shows, in one query: {"lead": its original's lead
    picture, "portrait": its interviewee's}, None where there is none.
    """
    owners = Q(article=article.translation_of_id or article.pk)
    if article.interviewee_id:
        owners |= Q(person=article.interviewee_id)
    pictures = {"lead": None, "portrait": None}
    for picture in Picture.objects.filter(owners):
        pictures["lead" if picture.article_id else "portrait"] = picture
    return pictures


def published_translations(article):
    """
    Return the other published versions of `article`: its original and the original's other
    translations, or its own translations, in the order of settings.LANGUAGES.
    """
    versions = Article.objects.published().filter(article.translation_group_q()).exclude(pk=article.pk)
    order = language_codes()
    return sorted(versions.only("slug", "title", "language", "translation_of"), key=lambda v: order.index(v.language))


def theme_pairs():
    """Return the published Q&A pairs as a theme's page lists them: prompts, not answers."""
    return (
        QAPair.objects.published()
        .select_related("article")
        .defer("answer", "article__standfirst", "article__intro")
        .prefetch_related(prefetch_themes(), pair_versions())
        .order_by(*PAIR_LIST.order)
    )


def theme_articles():
    """Return the published original articles as a theme's page lists them: titles, not texts."""
    return (
        Article.objects.published()
        .originals()
        .select_related("interviewee")
        .defer("standfirst", "intro")
        .prefetch_related(article_versions())
    )


def theme_content(theme):
    """Return the Q&A pairs, their count, the articles and the related themes a theme's page shows."""
    # Built only when the page reads their rows: never while the lists' fragment is kept.
    pairs, articles = SimpleLazyObject(theme_pairs), SimpleLazyObject(theme_articles)
    index = current_index()
    if index:
        pairs, articles = index.tagged(PAIR_LIST, theme, pairs), index.tagged(ARTICLE_FACETS, theme, articles)
        # Each read when the page first shows it: never while its fragment is kept.
        return {
            "pairs": pairs[0:THEME_PAGE_LIMIT],
            "pair_count": len(pairs),
            "articles": articles[0:THEME_PAGE_LIMIT],
            "related": SimpleLazyObject(lambda: index.related_themes(theme, Theme.objects.all(), RELATED_THEMES)),
        }
    pairs, articles = pairs.filter(tagged_items__tag=theme), articles.filter(tagged_items__tag=theme)
    # Published facts only, in the same filter() as the theme, so that both apply to each shared fact.
    related = (
        Theme.objects.exclude(pk=theme.pk)
        .filter(
            published_q("tagged_facts__content_object__article__"),
            tagged_facts__content_object__in=tagged_ids("fact", theme),
        )
        .annotate(shared=Count("tagged_facts"))
        .order_by("-shared", "name")[:RELATED_THEMES]
    )
    return {
        "pairs": pairs[:THEME_PAGE_LIMIT],
        "pair_count": pairs.count(),
        "articles": articles[:THEME_PAGE_LIMIT],
        "related": related,
    }


def published_fact(pk):
    """
    Return the published fact `pk` with what its citation and embed page read (its article, source,
    people and wording in the page's language); 404 for any other.
    """
    facts = Fact.objects.published().select_related(
        "article__source", "article__interviewee", "article__interviewer", "pair", "person"
    )
    return get_object_or_404(facts.prefetch_related(published_wordings()), pk=pk)


def article_in_language(slug):
    """
    Return the version in the page's language of the published article `slug` (the one written in
    it among the article and its published translations, else the article), with its interviewee
    and source; 404 for any other.
    """
    articles = Article.objects.published().select_related("interviewee", "source")
    article = get_object_or_404(articles, slug=slug)
    language = active_language()
    if article.language == language:
        return article
    return articles.filter(article.translation_group_q(), language=language).first() or article
