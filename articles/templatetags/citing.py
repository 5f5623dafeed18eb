"""Tags for citing and embedding a fact or an article: its citation downloads, its embed code, its oEmbed link."""

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.translation import gettext_lazy as _

from ..citations import FORMATS
from ..embeds import embed_html, oembed_url

register = template.Library()

FORMAT_NAMES = {"txt": _("Plain text"), "bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}


@register.inclusion_tag("includes/citation_downloads.html")
def citation_downloads(obj):
    """The links to the citation of `obj` (an article or a fact) in each format, with its media type."""
    route, arg = ("articles:article-cite", obj.slug) if hasattr(obj, "slug") else ("articles:fact-cite", obj.pk)
    return {"downloads": [(FORMAT_NAMES[fmt], reverse(route, args=[arg, fmt]), FORMATS[fmt][0]) for fmt in FORMATS]}


@register.simple_tag(takes_context=True)
def oembed_link(context, page_url, title):
    """The <link> that tells other sites where the oEmbed answer for the page at `page_url` is."""
    href = oembed_url(context["request"].build_absolute_uri, page_url)
    return format_html('<link rel="alternate" type="application/json+oembed" href="{}" title="{}">', href, title)


@register.simple_tag(takes_context=True)
def embed_code(context, fact, title):
    """The <iframe> that embeds `fact` in another site, as text to copy: escaped where the page shows it."""
    src = context["request"].build_absolute_uri(reverse("articles:fact-embed", args=[fact.pk]))
    return escape(embed_html(src, title))
