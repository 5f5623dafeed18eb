"""
The side-by-side page of a translation (admin URL <id>/translation/): its original's title,
standfirst, intro, Q&A pairs and fact wordings on one side, read-only, and the translation's on
the other, editable, pair by pair and fact by fact. Pairs and facts the original gained after
the translation was made are offered as empty rows to fill. A save is all or nothing, one
version, refused when the translation or its original's words changed since the page was
opened; its queries do not grow with the pairs.
"""

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from ..history_comments import set_comment
from ..models import Article, Fact, FactWording, QAPair
from ..models.common import as_written
from ..services.translations import align_pairs, original_text
from ..signals import content_changed
from . import fast_widgets
from .common import DIGEST_CHARS, HEX, RELOAD, UNKNOWN_STATE, CleanTextField, LoadedStateField, state_token
from .followed import FOLLOWED
from .original_changes import original_changes
from .permissions import can_publish

TRANSLATION_CHANGED = gettext_lazy("Changes to this translation were saved after you opened this page.")
ORIGINAL_CHANGED = gettext_lazy("Changes to the words of the original were saved after you opened this page.")
BOTH_OR_NEITHER = gettext_lazy("Fill in both or leave both empty.")
NOT_IN_ANSWER = gettext_lazy("These words do not appear verbatim in the translated answer of the Q&A pair.")
NOT_IN_PROMPT = gettext_lazy("These words do not appear verbatim in the translated prompt of the Q&A pair.")
NOT_IN_INTRO = gettext_lazy("These words do not appear verbatim in the translation's intro.")
PAIR_FIRST = gettext_lazy("Translate this fact's Q&A pair first: the quote is found in it.")
ONE_PARAGRAPH = gettext_lazy("A quote comes from one paragraph: remove the line breaks.")


def translation_state(translation_id, original_id):
    """
    Return the loaded-state token of the page: a digest of the translation's row, pairs and
    wordings, then one of the original's words as the page shows them.
    """
    return state_token(
        [
            Article.objects.filter(pk=translation_id).values_list(),
            QAPair.objects.filter(article=translation_id).order_by("pk").values_list(),
            FactWording.objects.filter(article=translation_id).order_by("pk").values_list(),
        ],
        [
            Article.objects.filter(pk=original_id).values_list("title", "standfirst", "intro"),
            QAPair.objects.filter(article=original_id).order_by("pk").values_list("pk", "anchor", "prompt", "answer"),
            Fact.objects.filter(article=original_id).order_by("pk").values_list("pk", "pair", "statement", "quote"),
        ],
    )


def text_field(required, value, rows, **kwargs):
    return CleanTextField(
        required=required,
        initial=value,
        widget=fast_widgets.Textarea(attrs={"rows": rows, "class": "vLargeTextField"}),
        **kwargs,
    )


class TranslationForm(forms.Form):
    """
    The translation's texts, one field each: title, standfirst, intro, each pair's prompt and
    answer (pair-<original pair id>-prompt), each fact's statement and quote
    (fact-<fact id>-quote). A row the original gained since the translation was made is
    optional; its quotes are checked against the translated texts as typed.
    """

    loaded_state = LoadedStateField()

    def __init__(self, *args, translation, pairs, facts, read_only, **kwargs):
        super().__init__(*args, **kwargs)
        self.translation, self.pairs, self.facts = translation, pairs, facts
        self.fields["title"] = text_field(True, translation.title, 2, max_length=300, label=gettext_lazy("Title"))
        self.fields["standfirst"] = text_field(False, translation.standfirst, 3, multiline=True)
        self.fields["intro"] = text_field(False, translation.intro, 6, multiline=True)
        for original, translated in pairs:
            for part, rows in (("prompt", 3), ("answer", 10)):
                value = getattr(translated, part, "")
                self.fields[f"pair-{original.pk}-{part}"] = text_field(
                    translated is not None, value, rows, multiline=True
                )
        for fact, wording in facts:
            statement, quote = getattr(wording, "statement", ""), getattr(wording, "quote", "")
            self.fields[f"fact-{fact.pk}-statement"] = text_field(wording is not None, statement, 2, max_length=300)
            self.fields[f"fact-{fact.pk}-quote"] = text_field(wording is not None, quote, 2, multiline=True)
        for field in self.fields.values():
            field.disabled = read_only

    def pair_rows(self):
        """The original's pairs, each with its translation's fields and its facts' rows, for the page."""
        facts = {}
        for row in self.fact_rows():
            facts.setdefault(row["fact"].pair_id, []).append(row)
        return [
            {
                "original": original,
                "missing": translated is None,
                "prompt": self[f"pair-{original.pk}-prompt"],
                "answer": self[f"pair-{original.pk}-answer"],
                "facts": facts.get(original.pk, []),
            }
            for original, translated in self.pairs
        ]

    def intro_facts(self):
        return [row for row in self.fact_rows() if row["fact"].pair_id is None]

    def fact_rows(self):
        return [
            {
                "fact": fact,
                "missing": wording is None,
                "statement": self[f"fact-{fact.pk}-statement"],
                "quote": self[f"fact-{fact.pk}-quote"],
            }
            for fact, wording in self.facts
        ]

    def clean(self):
        data = super().clean()
        for original, translated in self.pairs:
            if translated is None:
                self.both_or_neither(f"pair-{original.pk}-prompt", f"pair-{original.pk}-answer")
        for fact, wording in self.facts:
            statement, quote = f"fact-{fact.pk}-statement", f"fact-{fact.pk}-quote"
            if wording is None and not self.both_or_neither(statement, quote):
                continue
            if quote in data:
                self.check_quote(fact, quote, data[quote])
        return data

    def both_or_neither(self, first, second):
        """Refuse one of two optional fields filled without the other; return whether both are filled."""
        values = [self.cleaned_data.get(first), self.cleaned_data.get(second)]
        if any(values) and not all(values):
            self.add_error(second if values[0] else first, BOTH_OR_NEITHER)
        return all(values)

    def check_quote(self, fact, name, quote):
        """
        Refuse `quote`, the wording of `fact`, unless the translated text it comes from holds it
        verbatim, typed quotation marks and spaces aside; take it as that text writes it (as_written()).
        """
        if "\n" in quote:
            self.add_error(name, ONE_PARAGRAPH)
            return
        if fact.pair_id is None:
            source, error = "intro", NOT_IN_INTRO
        else:
            part = "prompt" if fact.in_prompt else "answer"
            source, error = f"pair-{fact.pair_id}-{part}", NOT_IN_PROMPT if fact.in_prompt else NOT_IN_ANSWER
        if source not in self.cleaned_data:
            return
        if not self.cleaned_data[source] and fact.pair_id is not None:
            self.add_error(name, PAIR_FIRST)
        elif (found := as_written(quote, self.cleaned_data[source])) is None:
            self.add_error(name, error)
        else:
            self.cleaned_data[name] = found

    def stale_error(self, current):
        """Return the refusal of a save whose loaded state is not `current`, or None when it is."""
        loaded = self.cleaned_data["loaded_state"]
        if loaded == current:
            return None
        if len(loaded) != len(current) or not HEX.fullmatch(loaded):
            return f"{UNKNOWN_STATE} {RELOAD}"
        reason = TRANSLATION_CHANGED if loaded[:DIGEST_CHARS] != current[:DIGEST_CHARS] else ORIGINAL_CHANGED
        return f"{reason} {RELOAD}"


def load(translation):
    """Return the original's pairs and facts, each with the translation's version of it or None."""
    original = translation.translation_of
    aligned = {pair.original_id: pair for pair in translation.pairs.exclude(original=None)}
    wordings = {wording.fact_id: wording for wording in translation.wordings.all()}
    pairs = [(pair, aligned.get(pair.pk)) for pair in original.pairs.order_by("position")]
    facts = [(fact, wordings.get(fact.pk)) for fact in original.facts.order_by("pk")]
    return pairs, facts


@transaction.atomic
def save(form, translation, user, review):
    """
    Save the page's texts at once, as one version, after locking the translation and its
    original and checking that neither changed since the page was opened; return whether it
    was saved.
    """
    original = translation.translation_of
    locked = Article.objects.select_for_update().filter(pk__in=[translation.pk, original.pk]).order_by("pk")
    list(locked.values_list("pk", flat=True))
    if not form.is_valid():
        return False
    stale = form.stale_error(translation_state(translation.pk, original.pk))
    if stale:
        form.add_error(None, stale)
        return False
    data = form.cleaned_data
    save_pairs(form, translation)
    changed, added = [], []
    for fact, wording in form.facts:
        statement, quote = data[f"fact-{fact.pk}-statement"], data[f"fact-{fact.pk}-quote"]
        if wording is None and statement:
            added.append(FactWording(article=translation, fact=fact, statement=statement, quote=quote))
        elif wording is not None and (wording.statement, wording.quote) != (statement, quote):
            wording.statement, wording.quote = statement, quote
            changed.append(wording)
    FactWording.objects.bulk_update(changed, ["statement", "quote"])
    FactWording.objects.bulk_create(added)
    with reversion.create_revision():
        article = Article.objects.prefetch_related(*FOLLOWED).get(pk=translation.pk)
        article.title, article.standfirst, article.intro = data["title"], data["standfirst"], data["intro"]
        article.updated_by = user
        if review:
            article.reviewed_at = timezone.now()
            article.reviewed_original = original_text(original)
        article.save()
        reversion.set_user(user)
        set_comment("translated-and-reviewed" if review else "translated")
    content_changed.send(sender=QAPair)
    return True


def save_pairs(form, translation):
    """
    Save the translated pairs' prompts and answers, and add those filled in for pairs the
    original gained, parked after the last position, then aligned with the original's.
    """
    data = form.cleaned_data
    changed, added = [], []
    for original, pair in form.pairs:
        prompt, answer = data[f"pair-{original.pk}-prompt"], data[f"pair-{original.pk}-answer"]
        if pair is None and prompt:
            added.append(QAPair(article=translation, original=original, prompt=prompt, answer=answer))
        elif pair is not None and (pair.prompt, pair.answer) != (prompt, answer):
            pair.prompt, pair.answer = prompt, answer
            changed.append(pair)
    QAPair.objects.bulk_update(changed, ["prompt", "answer"])
    if not added:
        return
    top = QAPair.objects.filter(article__in=[translation, translation.translation_of]).aggregate(top=Max("position"))
    for offset, pair in enumerate(added, start=1):
        pair.position = (top["top"] or 0) + offset
        pair.anchor = f"pair-new-{pair.original.pk}"
    QAPair.objects.bulk_create(added)
    align_pairs(translation.translation_of)


def translation_view(model_admin, request, object_id):
    """Show a translation beside its original; save what is typed into it."""
    translation = model_admin.get_object(request, unquote(object_id))
    if translation is None:
        raise Http404
    if not model_admin.has_view_or_change_permission(request, translation):
        raise PermissionDenied
    if translation.translation_of_id is None:
        messages.warning(
            request,
            gettext("“%(article)s” is an original: translate it, or open one of its translations.")
            % {"article": translation},
        )
        return redirect("admin:articles_article_change", translation.pk)
    may_change = model_admin.has_change_permission(request, translation)
    may_review = can_publish(request.user)
    review = "_mark_reviewed" in request.POST
    if request.method == "POST" and (not may_change or review and not may_review):
        raise PermissionDenied
    pairs, facts = load(translation)
    form = TranslationForm(
        request.POST or None, translation=translation, pairs=pairs, facts=facts, read_only=not may_change
    )
    if request.method == "POST":
        if save(form, translation, request.user, review):
            done = (
                gettext("Saved the translation and marked it reviewed.")
                if review
                else gettext("Saved the translation.")
            )
            messages.success(request, done)
            return redirect("admin:articles_article_translation", translation.pk)
    else:
        form.initial["loaded_state"] = translation_state(translation.pk, translation.translation_of_id)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "translation": translation,
        "original": translation.translation_of,
        "title": gettext("Translating “%(article)s”") % {"article": translation.translation_of},
        "form": form,
        "may_change": may_change,
        "may_review": may_review,
        "original_changes": original_changes(translation) if translation.is_out_of_date else None,
        "reviewed_at": translation.reviewed_at,
    }
    return TemplateResponse(request, "admin/articles/article/translation.html", context)
