"""
The cards and theme lists that pages repeat: {% article_card %}, {% fact_card %},
{% search_result %} and {% theme_tags %}. Tags rather than included templates: a list page
shows dozens, and an include resolves each of its variables through the template engine and
reads the active language again for each. Every editor's value is escaped by format_html(), as
a template would. Cards drawn for readers are kept for the content version they were drawn at
(kept.py).
"""

from operator import itemgetter

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..i18n import active_language
from ..kept import kept_fragment
from .articles_tags import isolated, lang_attr
from .pictures import picture

register = template.Library()

# Marks a name shown in English on a page in another language.
ENGLISH = mark_safe(' lang="en"')


def card(opening, parts):
    """Return an <article> element: its `opening` tag, then its `parts`, one an indented line."""
    return mark_safe("\n  ".join([opening, *parts]) + "\n</article>")


@register.simple_tag(takes_context=True)
def article_card(context, article):
    """
    Return the card of `article` that lists show: the version in the page's language, its kind,
    interviewee, source and date, its standfirst and its themes, under its lead picture.
    """
    shown = article.version
    key = ("article", article.pk, shown.pk, active_language())
    return kept_fragment(context, key, lambda: draw_article_card(article, shown))


def draw_article_card(article, shown):
    lang = lang_attr(shown.language)
    kind = article.get_kind_display()
    if article.interviewee:
        # The translation is the translators' markup, as in {% blocktranslate %}; the values are escaped.
        person = isolated(article.interviewee.local_name)
        kind = mark_safe(gettext("%(kind)s with %(person)s") % {"kind": escape(kind), "person": person})
    meta = [kind]
    if article.source:
        meta.append(isolated(article.source.name))
    if article.original_date:
        meta.append(article.original_date_display)
    parts = [
        format_html('<h3{}><a href="{}">{}</a></h3>', lang, shown.get_absolute_url(), shown.title),
        format_html('<p class="meta">{}</p>', format_html_join(" · ", "{}", ((part,) for part in meta))),
    ]
    if shown.standfirst:
        parts.append(format_html("<p{}>{}</p>", lang, shown.standfirst))
    if themes := theme_tags(article.theme_list):
        parts.append(themes)
    if lead := getattr(article, "lead_picture", None):
        parts.insert(
            0, picture(lead, shown.language, sizes="(min-width: 48rem) 24rem, 100vw", css_class="card-picture")
        )
    return card('<article class="article-card">', parts)


@register.simple_tag
def theme_tags(themes):
    """
    Return `themes` as a list of links to their pages, by the names readers of the active
    language see, in the order of those names; "" for no themes.
    """
    if not themes:
        return ""
    language = active_language()
    named = sorted(((theme.localized("name", language), theme) for theme in themes), key=itemgetter(0))
    links = mark_safe(
        "".join(
            format_html(
                '<li><a href="{}"{}>{}</a></li>',
                theme.get_absolute_url(),
                ENGLISH if theme.falls_back("name", language) else "",
                name,
            )
            for name, theme in named
        )
    )
    return format_html('<ul class="theme-tags" aria-label="{}">\n  {}\n</ul>', gettext("Themes"), links)


@register.simple_tag(takes_context=True)
def fact_card(context, fact, with_source=False):
    """
    Return the card of `fact` that pages list: its figure, its statement in the page's language,
    its date, with `with_source` the words it quotes and where, its permalink, its themes and,
    for staff, a link to edit it.
    """
    wording = fact.wording
    if context["user"].is_staff:
        return draw_fact_card(fact, wording, with_source, staff=True)
    key = ("fact", fact.pk, wording._meta.model_name, wording.pk, with_source, active_language())
    return kept_fragment(context, key, lambda: draw_fact_card(fact, wording, with_source, staff=False))


def draw_fact_card(fact, wording, with_source, staff):
    pk = fact.pk
    lang = lang_attr(wording.language)
    parts = []
    if figure := fact.figure_display:
        parts.append(format_html('<p class="fact-figure">{}</p>', figure))
    parts.append(format_html('<p class="fact-statement" id="fact-{}-statement"{}>{}</p>', pk, lang, wording.statement))
    if date := fact.date_display:
        if iso := fact.date_iso:
            date = format_html('<time datetime="{}">{}</time>', iso, date)
        parts.append(format_html('<p class="fact-date">{} {}</p>', gettext("Date:"), date))
    if with_source:
        parts.append(format_html('<blockquote class="fact-quote"{}><p>“{}”</p></blockquote>', lang, wording.quote))
        # The translation is the translators' markup, as in {% blocktranslate %}; only the title is escaped.
        title = isolated(wording.article.title, wording.article.language)
        read = mark_safe(gettext("Read it in “%(title)s”") % {"title": title})
        person = format_html(", {}", isolated(fact.person.local_name)) if fact.person else ""
        link = format_html('<p class="fact-source"><a href="{}">{}</a>{}</p>', wording.get_absolute_url(), read, person)
        parts.append(link)
    permalink = '<p class="fact-permalink"><a href="{}" aria-describedby="fact-{}-statement">{}</a></p>'
    parts.append(format_html(permalink, fact.get_permalink(), pk, gettext("Permalink")))
    if themes := theme_tags(fact.theme_list):
        parts.append(themes)
    if staff:
        edit = reverse("admin:articles_fact_change", args=[pk])
        parts.append(format_html('<p class="staff-tools"><a href="{}">{}</a></p>', edit, gettext("Edit this fact")))
    return card(format_html('<article class="fact-card" id="fact-{}">', pk), parts)


@register.simple_tag(takes_context=True)
def search_result(context, result):
    """
    Return the item of the search page for `result` (views/search.py): its heading, linked, the
    language it is written in when not the page's, the article it is in, its excerpt and the
    themes of its object, which are kept for the content version (kept.py).
    """
    lang = lang_attr(result.language)
    parts = [format_html('<h3{}><a href="{}">{}</a></h3>', lang, result.url, result.heading)]
    if result.written_in:
        parts.append(format_html('<p class="meta written-in">{}</p>', result.written_in))
    if result.article:
        # The translation is the translators' markup, as in {% blocktranslate %}; only the title is escaped.
        within = mark_safe(gettext("In “%(title)s”") % {"title": isolated(result.article.title, result.language)})
        parts.append(format_html('<p class="meta">{}</p>', within))
    if result.excerpt:
        parts.append(format_html('<p class="search-excerpt"{}>{}</p>', lang, result.excerpt))
    if result.themed_key:
        key = ("theme-tags", *result.themed_key, active_language())
        if themes := kept_fragment(context, key, lambda: theme_tags(result.themes)):
            parts.append(themes)
    return mark_safe("\n  ".join(['<li class="search-result">', *parts]) + "\n</li>")
