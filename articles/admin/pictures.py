"""The lead image on an article's form and the portrait on a person's, uploaded and checked there."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from ..images import PictureField
from ..models import Picture
from .common import URL_FIELDS_ASSUME_HTTPS
from .permissions import PublishedContentGuard, SharedRecordGuard


class PictureInline(admin.StackedInline):
    model = Picture
    extra = 1
    max_num = 1
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    readonly_fields = ["preview"]
    fields = ["image", "preview", "alt", "alt_es", "alt_ko", "credit", "licence", "source_url"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Check uploads with PictureField: its messages say what is wrong with the file."""
        if db_field.name == "image":
            kwargs["form_class"] = PictureField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("preview"))
    def preview(self, picture):
        """Show the saved picture's smallest JPEG rendition, with its size."""
        jpegs = picture.renditions.get("jpeg") if picture.pk else None
        if not jpegs:
            return "-"
        return format_html(
            '<img src="{}" width="240" alt=""> {}×{}',
            picture.image.storage.url(jpegs[0][1]),
            picture.width,
            picture.height,
        )


class LeadPictureInline(PublishedContentGuard, PictureInline):
    fk_name = "article"
    verbose_name = gettext_lazy("lead image")
    verbose_name_plural = gettext_lazy("lead image")

    def article_of(self, obj):
        return obj


class PortraitInline(SharedRecordGuard, PictureInline):
    fk_name = "person"
    verbose_name = gettext_lazy("portrait")
    verbose_name_plural = gettext_lazy("portrait")
    shown_by = ["interviewee", "interviewer", "facts__person"]
