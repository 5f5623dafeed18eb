"""RSS and Atom feeds of the latest published articles, site-wide and per theme."""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .control_characters import clean_text
from .models import Article, Fact, QAPair, TaggedArticle, Theme, prefetch_themes
from .queries import article_versions
from .sitemaps import changed_at

FEED_LENGTH = 20


def xml_text(value):
    """Return `value`, a feed's or an item's field, with the control characters of its text cleaned."""
    if isinstance(value, str):
        return clean_text(value, multiline=True)
    if isinstance(value, dict):
        return {key: xml_text(each) for key, each in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(xml_text(each) for each in value)
    return value


class CleanTextFeed:
    """
    A feed generator that writes text as XML 1.0 can hold it, whatever text is stored: Django's
    writer raises on a control character, which would make every poll of the feed a server error.
    """

    def write(self, outfile, encoding):
        self.feed = xml_text(self.feed)
        self.items = [xml_text(item) for item in self.items]
        super().write(outfile, encoding)


class RssFeed(CleanTextFeed, Rss201rev2Feed):
    pass


class AtomFeed(CleanTextFeed, Atom1Feed):
    def item_attributes(self, item):
        """Mark an entry written in another language than the feed's (an article with no version in it)."""
        if item["language"] != self.feed["language"]:
            return {"xml:lang": item["language"]}
        return {}


def articles_on(theme):
    """
    Return the published articles that carry `theme` themselves or on one of their Q&A pairs
    or facts: an interview that talks about a theme in one answer is news to its readers.
    """
    # Subqueries rather than joins: a join through several tagged rows would repeat articles.
    return (
        Article.objects.published()
        .originals()
        .filter(
            Q(pk__in=TaggedArticle.objects.filter(tag=theme).values("content_object"))
            | Q(pk__in=QAPair.objects.filter(tagged_items__tag=theme).values("article"))
            | Q(pk__in=Fact.objects.filter(tagged_items__tag=theme).values("article"))
        )
    )


def feed_items(articles):
    """
    Return the newest of `articles` (originals), with what an item shows (not their intros) and
    their versions in the feed's language, in three queries.
    """
    items = articles.select_related("interviewee").defer("intro")
    return items.prefetch_related(prefetch_themes(), article_versions())[:FEED_LENGTH]


class ArticleFeed(Feed):
    """
    Articles as feed items, each interview once, in its version in the feed's language where it
    has one: the title, the standfirst as description, the interviewee as author and the themes
    as categories. Subclasses give `items()` a published queryset of originals.
    """

    feed_type = RssFeed
    # The template escapes the standfirst, as readers take a description for HTML.
    description_template = "feeds/article_description.html"

    def item_title(self, article):
        # Escaped, as Django's default title is: RSS readers may take titles for HTML.
        return escape(article.version.title)

    def item_link(self, article):
        return article.version.get_absolute_url()

    def item_pubdate(self, article):
        return article.version.published_at

    def item_updateddate(self, article):
        # Not updated_at: readers sorting by it would bury a scheduled article when it appears.
        return changed_at(article.version)

    def item_author_name(self, article):
        return article.interviewee.local_name if article.interviewee else None

    def item_categories(self, article):
        return [theme.local_name for theme in article.theme_list]

    def item_extra_kwargs(self, article):
        return {"language": article.version.language}


class LatestArticlesFeed(ArticleFeed):
    title = "Kormex"
    description = _("The latest interviews on Korea–Mexico relations published on Kormex.")

    def link(self):
        return reverse("articles:home")

    def items(self):
        return feed_items(Article.objects.published().originals())


class ThemeArticlesFeed(ArticleFeed):
    def get_object(self, request, slug):
        """
        Return the theme named in the address, following the old slugs of renamed themes; 404
        for a theme no published content uses, as for one that does not exist.
        """
        theme = Theme.objects.in_use().by_slug([slug]).get(slug)
        if theme is None:
            raise Http404("No such theme.")
        return theme

    def title(self, theme):
        return gettext("Kormex: %(theme)s") % {"theme": theme.local_name}

    def description(self, theme):
        return theme.local_description or gettext("Interviews on %(theme)s published on Kormex.") % {
            "theme": theme.local_name
        }

    def link(self, theme):
        return theme.get_absolute_url()

    def items(self, theme):
        return feed_items(articles_on(theme))


class AtomMixin:
    """
    Serve the feed as Atom. Atom titles are text, escaped once by the XML writer; RSS titles
    stay escaped twice, Django's default, as RSS readers may take them for HTML.
    """

    feed_type = AtomFeed

    def item_title(self, article):
        return article.version.title


class LatestArticlesAtomFeed(AtomMixin, LatestArticlesFeed):
    subtitle = LatestArticlesFeed.description


class ThemeArticlesAtomFeed(AtomMixin, ThemeArticlesFeed):
    subtitle = ThemeArticlesFeed.description
