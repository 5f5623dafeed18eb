"""schema.org structured data as JSON-LD, safe inside a page."""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .formatting import iso_date
from .links import web_url

# As django.utils.html.json_script() escapes, so that no editor text can close the <script>
# element ("</script>") or open a comment in it ("<!--").
# (str.replace, not str.translate: translating a long non-ASCII text with a dict is slow.)
JSON_SCRIPT_ESCAPES = [("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E")]


def json_ld_script(data):
    """Return a <script type="application/ld+json"> element holding `data`."""
    text = json.dumps(data, ensure_ascii=False)
    for character, escape in JSON_SCRIPT_ESCAPES:
        text = text.replace(character, escape)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def compact(data):
    """Return `data` without its empty values."""
    return {key: value for key, value in data.items() if value}


def person(who):
    """Return `who` as a schema.org Person, or None."""
    if who is None:
        return None
    country = {"@type": "Country", "name": who.local_country} if who.country else None
    return compact({"@type": "Person", "name": who.local_name, "jobTitle": who.local_role, "nationality": country})


class NewsArticleData:
    """
    The schema.org description of an article page: its Q&A pairs as Questions with their
    Answers, its facts as Claims interpreted from the answer (or the intro) they are quoted from,
    each in the words the page shows, its original (translationOfWork) and its translations
    (workTranslation), and its lead picture (image). `absolute` makes a path absolute; `sections`,
    `intro_facts`, `themes`, `translations` and `picture` are what queries.article_page() and the
    view give the page.
    """

    def __init__(self, article, absolute, *, sections, intro_facts, themes, translations, picture=None):
        self.article = article
        self.picture = picture
        self.absolute = absolute
        self.sections, self.intro_facts, self.themes, self.translations = sections, intro_facts, themes, translations
        self.url = absolute(article.get_absolute_url())
        self.interviewee = person(article.interviewee)
        self.publisher = {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": absolute(reverse("articles:home")),
        }
        self.original = self.original_work()
        self.things = {}

    def build(self):
        article = self.article
        original = article.translation_of
        return compact(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": article.title,
                "description": article.standfirst,
                "url": self.url,
                "mainEntityOfPage": self.url,
                "inLanguage": article.language,
                "image": self.image(),
                "datePublished": article.published_at.isoformat() if article.published_at else None,
                "dateModified": article.updated_at.isoformat(),
                "publisher": self.publisher,
                "contributor": self.interviewee,
                "translator": compact({"@type": "Organization", "name": article.translated_by})
                if article.translated_by
                else None,
                "isBasedOn": self.original,
                "translationOfWork": self.version(original) if original else None,
                "workTranslation": [
                    self.version(version) for version in self.translations if version.translation_of_id
                ],
                "about": self.about(self.themes),
                "hasPart": [self.question(section) for section in self.sections],
                "interpretedAsClaim": [self.claim(fact, f"{self.url}#intro") for fact in self.intro_facts],
            }
        )

    def image(self):
        """Return the lead picture's largest JPEG rendition as an ImageObject, or None."""
        picture = self.picture
        if picture is None or not picture.renditions:
            return None
        width, name = picture.renditions["jpeg"][-1]
        return compact(
            {
                "@type": "ImageObject",
                "url": self.absolute(picture.image.storage.url(name)),
                "width": width,
                "height": round(picture.height * width / picture.width),
                "caption": picture.alt_in(self.article.language),
                "creditText": picture.credit,
                "license": web_url(picture.licence),
            }
        )

    def version(self, article):
        """Return another language version of the article as a NewsArticle at its own address."""
        return {
            "@type": "NewsArticle",
            "url": self.absolute(article.url_in_own_language),
            "inLanguage": article.language,
            "headline": article.title,
        }

    def original_work(self):
        """Return the source's publication of the article as a CreativeWork, or None."""
        article, source = self.article, self.article.source
        url = web_url(article.source_url)
        if not (source or url):
            return None
        publisher = None
        if source:
            publisher = compact({"@type": "Organization", "name": source.name, "url": web_url(source.url)})
        return compact(
            {
                "@type": "CreativeWork",
                "url": url,
                "publisher": publisher,
                "inLanguage": source.language if source else None,
                "datePublished": iso_date(article.original_date, article.original_date_precision),
            }
        )

    def about(self, themes):
        return [self.thing(theme) for theme in themes]

    def thing(self, theme):
        """Return `theme` as a Thing, made once: the article, its pairs and its facts name the same few themes."""
        if theme.pk not in self.things:
            url = self.absolute(theme.get_absolute_url())
            self.things[theme.pk] = {"@type": "Thing", "name": theme.local_name, "url": url}
        return self.things[theme.pk]

    def question(self, section):
        pair = section.pair
        url = f"{self.url}#{pair.anchor}"
        language = pair.article.language
        answer = {
            "@type": "Answer",
            "text": pair.answer,
            "inLanguage": language,
            "url": url,
            "author": self.interviewee,
            "interpretedAsClaim": [self.claim(fact, url) for fact in section.facts],
        }
        return compact(
            {
                "@type": "Question",
                "text": pair.prompt,
                "inLanguage": language,
                "url": url,
                "position": pair.position,
                "about": self.about(pair.theme_list),
                "acceptedAnswer": compact(answer),
            }
        )

    def claim(self, fact, quoted_at):
        """Return `fact` as a Claim, in the wording the page shows, interpreted from the words quoted at `quoted_at`."""
        speaker = person(fact.person)
        wording = fact.wording
        quotation = {
            "@type": "Quotation",
            "text": wording.quote,
            "inLanguage": wording.language,
            "url": quoted_at,
            "spokenByCharacter": speaker,
        }
        return compact(
            {
                "@type": "Claim",
                "text": wording.statement,
                "inLanguage": wording.language,
                "url": self.absolute(fact.get_permalink()),
                "author": speaker,
                "claimInterpreter": self.publisher,
                "appearance": compact(quotation),
                "firstAppearance": self.original,
                "temporalCoverage": fact.date_iso,
                "about": self.about(fact.theme_list),
            }
        )


def web_page(kind, name, url, language, home):
    """
    Return a page that lists or finds content (a schema.org CollectionPage, SearchResultsPage, or the
    home page's WebSite) named `name` in `language`, at `url`, part of the site whose home is `home`.
    """
    page = {"@context": "https://schema.org", "@type": kind, "name": name, "url": url, "inLanguage": language}
    if kind != "WebSite":
        page["isPartOf"] = {"@type": "WebSite", "name": settings.SITE_NAME, "url": home}
    return page


def fact_claim(fact, absolute):
    """Return a fact's page's description: the fact as a schema.org Claim, in the wording the page shows."""
    article = fact.article
    data = NewsArticleData(article, absolute, sections=[], intro_facts=[], themes=[], translations=[])
    return {"@context": "https://schema.org", **data.claim(fact, absolute(fact.wording.get_absolute_url()))}
