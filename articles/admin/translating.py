"""
Making a translation: the "Translate into…" page of an original (admin URL <id>/translate/),
which creates the translation draft and opens it side by side with its original, and the list
action that leads there.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext, gettext_lazy

from ..i18n import language_label
from ..models import Article
from ..models.common import Language
from ..services.translations import create_translation


class TranslateForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Translate into"))

    def __init__(self, *args, original, **kwargs):
        super().__init__(*args, **kwargs)
        taken = {original.language, *original.translations.values_list("language", flat=True)}
        self.fields["language"].choices = [(code, label) for code, label in Language.choices if code not in taken]


def translate_view(model_admin, request, object_id):
    """Offer the languages `object_id`, an original, has no version in yet; create the chosen translation."""
    original = model_admin.get_object(request, unquote(object_id))
    if original is None:
        raise Http404
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    if original.translation_of_id:
        messages.warning(
            request,
            gettext("“%(article)s” is a translation: translate its original, “%(original)s”.")
            % {"article": original, "original": original.translation_of},
        )
        return redirect("admin:articles_article_change", original.pk)
    form = TranslateForm(request.POST or None, original=original)
    if not form.fields["language"].choices:
        messages.warning(request, gettext("“%(article)s” has a version in every language.") % {"article": original})
        return redirect("admin:articles_article_change", original.pk)
    if request.method == "POST" and form.is_valid():
        try:
            translation = create_translation(original, form.cleaned_data["language"], user=request.user)
        except (ValidationError, IntegrityError):
            # Someone else created a translation in this language since the page was opened.
            form.add_error("language", gettext("The original already has a translation in this language."))
        else:
            messages.success(
                request,
                gettext(
                    "Created the %(language)s translation of “%(original)s”, a draft holding the original's words: "
                    "write over them."
                )
                % {"language": language_label(translation.language), "original": original},
            )
            return redirect("admin:articles_article_translation", translation.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": original,
        "title": gettext("Translate “%(article)s”") % {"article": original},
        "form": form,
    }
    return TemplateResponse(request, "admin/articles/article/translate.html", context)


class TranslatingAdmin:
    """The article admin's list action leading to the Translate into… page of the original selected."""

    @admin.action(description=gettext_lazy("Translate the selected original into…"), permissions=["add"])
    def translate(self, request, queryset):
        chosen = list(queryset[:2])
        if len(chosen) != 1 or chosen[0].translation_of_id:
            self.message_user(request, gettext("Select one original article to translate."), messages.ERROR)
            return None
        return redirect("admin:articles_article_translate", chosen[0].pk)
