"""The record of theme merges (services/themes.py merges them)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class ThemeMerge(models.Model):
    """The record of a theme merged into another; the merged theme itself is gone."""

    name = models.CharField(gettext_lazy("merged theme"), max_length=100)
    slug = models.CharField(gettext_lazy("merged slug"), max_length=100)
    kept = models.ForeignKey(
        "Theme",
        on_delete=models.SET_NULL,
        null=True,
        related_name="merges",
        verbose_name=gettext_lazy("merged into"),
    )
    item_count = models.PositiveIntegerField(
        gettext_lazy("items moved"),
        help_text=gettext_lazy(
            "Articles, Q&A pairs and facts that gained the kept theme (those that had both are not counted)."
        ),
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("merged by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    merged_at = models.DateTimeField(gettext_lazy("merged at"), auto_now_add=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]
        verbose_name = gettext_lazy("theme merge")
        verbose_name_plural = gettext_lazy("theme merges")

    def __str__(self):
        return f"{self.name} → {self.kept or 'a deleted theme'}"
