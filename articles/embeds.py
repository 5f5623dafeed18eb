"""
Embedding a fact or an article in another site: the <iframe> of its embed page (the code its
page offers, and the html of its oEmbed answer) and the address of that oEmbed answer.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html

# The size of an embed's frame unless the embedding site asks for a smaller one (oEmbed's
# maxwidth and maxheight).
EMBED_WIDTH = 480
EMBED_HEIGHT = 320


def embed_html(src, title, width=EMBED_WIDTH, height=EMBED_HEIGHT):
    """Return the <iframe> of the embed page at the absolute address `src`, its text escaped."""
    return format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" style="border: 0"></iframe>',
        src,
        width,
        height,
        title,
    )


def oembed_url(absolute, page_url):
    """Return the absolute address of the oEmbed answer for the page at `page_url` (absolute)."""
    return absolute(f"{reverse('articles:oembed')}?{urlencode({'url': page_url, 'format': 'json'})}")
