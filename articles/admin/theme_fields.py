"""
The themes field of the admin's forms: theme names typed as a list, a theme's Spanish or Korean
name taken as that theme, and lookalikes of existing themes refused.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from taggit.forms import TagField, TextareaTagWidget
from taggit.managers import TaggableManager

from ..models import Theme


def lookalike_error(name, theme):
    """Return the error that refuses the theme name `name`, a lookalike of the existing `theme`."""
    return ValidationError(
        gettext_lazy(
            "“%(name)s” looks like the existing theme “%(theme)s”: use that name or choose a clearly different one."
        ),
        code="lookalike",
        params={"name": name, "theme": theme.name},
    )


def refuse_lookalikes(names, themes):
    """
    Raise ValidationError for each of `names` that differs from the name of one of `themes`
    only by case, accents, punctuation or spacing, so that editors reuse a theme rather than
    creating its twin.
    """
    errors = [lookalike_error(name, theme) for name, theme in themes.lookalikes(names).items()]
    if errors:
        raise ValidationError(errors)


def in_english(names, local):
    """
    Return theme `names` typed to tag an item, each of `local` (a theme's Spanish or Korean
    name, ThemeQuerySet.tagging()) as its theme's English name, by which items are tagged.
    """
    return sorted({local[name].name if name in local else name for name in names})


class ThemesField(TagField):
    """
    A comma-separated list of theme names that takes a theme's Spanish or Korean name as that
    theme, and refuses lookalikes of existing themes.
    """

    def clean(self, value):
        names = super().clean(value)
        local, twins = Theme.objects.tagging(names)
        if twins:
            raise ValidationError([lookalike_error(name, theme) for name, theme in twins.items()])
        return in_english(names, local)


# Theme fields refuse lookalikes of existing themes, and theme lists are long ("Trade and the FTA",
# "Digital government"): give them a full-width box.
THEME_FIELDS_WIDE = {
    TaggableManager: {
        "form_class": ThemesField,
        "widget": TextareaTagWidget(attrs={"rows": 2, "class": "vLargeTextField"}),
    }
}
