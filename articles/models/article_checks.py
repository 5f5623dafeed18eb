"""What Article.clean() refuses of an article's link to its original and of its publication."""

from django.utils import formats, timezone
from django.utils.translation import gettext

from ..i18n import language_label


def translation_errors(article):
    """Return what is wrong with the link to the original `article` translates, if anything."""
    original = article.translation_of
    if original is None:
        taken = article.translations.filter(language=article.language).first() if article.pk else None
        if taken is not None:
            return {
                "language": gettext("Its translation “%(translation)s” is written in %(language)s: choose another.")
                % {"translation": taken, "language": language_label(taken.language)}
            }
        return {}
    if original.pk == article.pk:
        return {"translation_of": gettext("An article cannot be a translation of itself.")}
    if original.translation_of_id is not None:
        return {
            "translation_of": gettext("“%(original)s” is itself a translation: link to its original, “%(root)s”.")
            % {"original": original, "root": original.translation_of}
        }
    if article.pk and article.translations.exists():
        return {
            "translation_of": gettext(
                "This article is the original of other translations, so it cannot be a translation itself."
            )
        }
    if article.pk and article.facts.exists():
        return {
            "translation_of": gettext(
                "This article states facts of its own: only an original does. A translation gives the wording "
                "of its original's facts."
            )
        }
    aligned = article.pk and (article.pairs.exclude(original=None).exclude(original__article=original).exists())
    if aligned or article.pk and article.wordings.exclude(fact__article=original).exists():
        return {
            "translation_of": gettext(
                "This translation's pairs and facts are aligned with another original: it cannot change original."
            )
        }
    if original.language == article.language:
        return {
            "language": gettext("A translation is written in another language than its original (%(language)s).")
            % {"language": language_label(original.language)}
        }
    return {}


def publication_errors(article):
    """
    Return why `article` cannot be published (or scheduled) as it stands, if it cannot: a
    translation is published never before its original, so its original must be published or
    scheduled, no later than it. A save that leaves its status and publish time as stored is
    not refused: readers see a translation only while its original is public, whatever became
    of the original since, and a correction to its text must not wait for it.
    """
    original = article.translation_of
    if article.status != article.Status.PUBLISHED or original is None or article.published_at is None:
        return {}
    stored = type(article).objects.filter(pk=article.pk, status=article.status, published_at=article.published_at)
    if article.pk and stored.exists():
        return {}
    if original.status != article.Status.PUBLISHED:
        return {
            "status": gettext("Publish the original, “%(original)s”, first: a translation never appears before it.")
            % {"original": original}
        }
    if original.published_at > article.published_at:
        when = formats.date_format(timezone.localtime(original.published_at), "DATETIME_FORMAT")
        return {
            "published_at": gettext(
                "The original, “%(original)s”, is published at %(time)s: a translation cannot appear before it."
            )
            % {"original": original, "time": when}
        }
    picture = getattr(original, "lead_picture", None)
    if picture and not picture.alt_in(article.language):
        return {
            "status": gettext("Describe the original's lead image in %(language)s first: this translation shows it.")
            % {"language": language_label(article.language)}
        }
    return {}
