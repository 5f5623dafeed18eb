"""Pictures: an article's lead image and a person's portrait, with their renditions, alt texts and credit."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy
from PIL import Image

from .. import images
from ..i18n import TRANSLATED_LANGUAGES, language_label
from ..links import validate_web_address
from .common import Localized, published_q
from .people import Person


def alt_field(verbose_name):
    return models.CharField(
        verbose_name,
        max_length=300,
        blank=True,
        default="",
        help_text=gettext_lazy("What the picture shows, for readers who cannot see it."),
    )


class PictureQuerySet(models.QuerySet):
    def public(self):
        """Keep the pictures public pages show: of a published article, or of a person published content names."""
        return self.filter(Q(published_q("article__"), article__isnull=False) | Q(person__in=Person.objects.in_use()))


class Picture(Localized, models.Model):
    """
    An uploaded picture: the lead image of an article (an original: its translations show it
    too) or the portrait of a person. The file kept is the upload re-encoded without its
    metadata; `renditions` names its smaller copies by format. The alt text is written in each
    language readers see it in.
    """

    article = models.OneToOneField(
        "articles.Article",
        verbose_name=gettext_lazy("article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lead_picture",
    )
    person = models.OneToOneField(
        Person,
        verbose_name=gettext_lazy("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="portrait",
    )
    image = models.ImageField(
        gettext_lazy("image"),
        upload_to=images.FOLDER,
        max_length=200,
        help_text=gettext_lazy(
            "JPEG, PNG or WebP, at least 300 pixels on each side, at most 40 megapixels and 15 MB. "
            "Its metadata (camera, place) is removed."
        ),
    )
    digest = models.CharField(gettext_lazy("digest"), max_length=64, editable=False, db_index=True, default="")
    width = models.PositiveIntegerField(gettext_lazy("width"), editable=False, default=0)
    height = models.PositiveIntegerField(gettext_lazy("height"), editable=False, default=0)
    renditions = models.JSONField(gettext_lazy("renditions"), default=dict, editable=False)
    alt = alt_field(gettext_lazy("alt text in English"))
    alt_es = alt_field(gettext_lazy("alt text in Spanish"))
    alt_ko = alt_field(gettext_lazy("alt text in Korean"))
    credit = models.CharField(
        gettext_lazy("credit"),
        max_length=200,
        blank=True,
        default="",
        help_text=gettext_lazy("Who made it: “Photo: Ministry of the Interior and Safety”."),
    )
    licence = models.CharField(
        gettext_lazy("licence"), max_length=100, blank=True, default="", help_text=gettext_lazy("“CC BY 4.0”.")
    )
    source_url = models.URLField(
        gettext_lazy("source URL"),
        blank=True,
        default="",
        validators=[validate_web_address],
        help_text=gettext_lazy("Where the picture was found, if it is online."),
    )

    objects = PictureQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("picture")
        verbose_name_plural = gettext_lazy("pictures")
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=True, person__isnull=False) | Q(article__isnull=False, person__isnull=True),
                name="picture_of_article_or_person",
                violation_error_message=gettext_lazy("A picture belongs to one article or one person."),
            )
        ]

    def __str__(self):
        return self.image.name

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            self.store(images.process(self.image.file))
        super().save(*args, **kwargs)

    def alt_in(self, language):
        """Return the alt text in `language`: a portrait's falls back to the English one."""
        if self.article_id is not None:
            return self.alt if language not in TRANSLATED_LANGUAGES else getattr(self, f"alt_{language}")
        return self.localized("alt", language)

    def required_languages(self):
        """Return the languages this picture needs an alt text in: its article's and its translations', or English."""
        article = self.article
        if article is None:
            return ["en"]
        languages = [article.language]
        if article.pk:
            languages += [
                code for code in article.translations.values_list("language", flat=True) if code not in languages
            ]
        return languages

    def clean(self):
        if self.article is not None and self.article.translation_of_id is not None:
            raise ValidationError(
                gettext("A translation shows the lead image of its original: add the image to the original.")
            )
        errors = {}
        for language in self.required_languages():
            name = "alt" if language not in TRANSLATED_LANGUAGES else f"alt_{language}"
            if not getattr(self, name).strip():
                errors[name] = gettext("Describe the picture in %(language)s for readers who cannot see it.") % {
                    "language": language_label(language)
                }
        if errors:
            raise ValidationError(errors)

    def store(self, processed):
        """Write `processed` (images.process()) to the storage, unless a picture of the same content did."""
        for name, content in [(processed.name, processed.content), *processed.files.items()]:
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(content))
        self.image.name = processed.name
        self.image._committed = True
        self.digest = processed.digest
        self.width, self.height = processed.width, processed.height
        self.renditions = processed.renditions

    def largest_jpeg(self):
        """Return the largest JPEG rendition, opened and decoded by Pillow (for the share card)."""
        with self.image.storage.open(self.renditions["jpeg"][-1][1]) as stored:
            image = Image.open(stored)
            image.load()
        return image

    def stored_names(self):
        """Return the names of every file of this picture in the storage."""
        return [self.image.name, *(name for sizes in self.renditions.values() for _, name in sizes)]
