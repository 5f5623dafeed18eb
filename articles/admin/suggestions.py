"""
The admin's "Suggest facts" page: the figures and dates of an article's intro, prompts and answers,
proposed as facts for the editor to accept, edit or leave out.

An interview's suggestions are shown on one page, each with the few inputs a fact needs, rendered
without a template per field: rendering stays linear and cheap. Past MAX_PER_PAGE suggestions,
pages hold whole pairs (?start=<position>), so that one page never posts more fields than
DATA_UPLOAD_MAX_NUMBER_FIELDS allows; each page is accepted on its own.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext
from taggit.forms import TagField

from ..formatting import format_date
from ..importer import suggest_facts
from ..importer.drafts import create_facts
from ..importer.mentions import COUNT, DATE, DURATION, MONEY, PERCENT
from ..models import Article, DatePrecision, Fact, Theme
from . import fast_widgets
from .figures import FigureField
from .theme_fields import in_english, lookalike_error

# About 12 fields a suggestion; DATA_UPLOAD_MAX_NUMBER_FIELDS is 20,000.
MAX_PER_PAGE = 1000
CATEGORY_LABELS = {
    MONEY: gettext_lazy("Money"),
    COUNT: gettext_lazy("Count"),
    PERCENT: gettext_lazy("Percentage"),
    DURATION: gettext_lazy("Duration"),
    DATE: gettext_lazy("Date"),
}
THEME_TOO_LONG = gettext_lazy("A theme name has at most %(longest)d characters: “%(name)s…” is longer.")
FACT_FIELDS = ["statement", "quote", "pair", "in_prompt", "value", "unit", "date", "date_precision", "themes"]


class SuggestionForm(forms.Form):
    accept = forms.BooleanField(label=gettext_lazy("Accept"), required=False, widget=fast_widgets.CheckboxInput)
    statement = forms.CharField(
        label=gettext_lazy("Statement"),
        max_length=300,
        widget=fast_widgets.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
    )
    quote = forms.CharField(
        label=gettext_lazy("Quote"), widget=fast_widgets.Textarea(attrs={"rows": 2, "class": "vLargeTextField"})
    )
    # Where the quote was found: shown with the suggestion rather than offered as a list of every
    # pair on every suggestion, which made the page grow with pairs × suggestions. A fact's own
    # page can move it to another pair.
    pair = forms.IntegerField(required=False, widget=fast_widgets.HiddenInput)
    in_prompt = forms.BooleanField(required=False, widget=fast_widgets.HiddenInput)
    category = forms.ChoiceField(choices=list(CATEGORY_LABELS.items()), widget=fast_widgets.HiddenInput)
    value = FigureField(
        label=gettext_lazy("Value"), max_digits=20, decimal_places=4, required=False, widget=fast_widgets.TextInput
    )
    unit = forms.CharField(label=gettext_lazy("Unit"), max_length=40, required=False, widget=fast_widgets.TextInput)
    date = forms.DateField(label=gettext_lazy("Date"), required=False, widget=fast_widgets.DateInput)
    date_precision = forms.ChoiceField(
        label=gettext_lazy("Date precision"),
        choices=[("", "—"), *DatePrecision.choices],
        required=False,
        widget=fast_widgets.Select,
    )
    # Names only: the formset checks them against the existing themes once for every suggestion.
    themes = TagField(
        label=gettext_lazy("Themes"),
        required=False,
        widget=fast_widgets.TextInput(attrs={"class": "vLargeTextField"}),
    )

    def __init__(self, *args, article, pairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.pairs = pairs

    def clean_pair(self):
        pk = self.cleaned_data["pair"]
        if pk is None:
            return None
        if pk not in self.pairs:
            raise ValidationError(gettext("This Q&A pair is not part of the article."))
        return self.pairs[pk]

    def clean(self):
        """Validate an accepted suggestion exactly as the fact it becomes, without a query."""
        data = super().clean()
        if not data.get("accept") or self.errors:
            return data
        try:
            unsaved_fact(self.article, data).full_clean(
                exclude=UNQUERIED, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                self.add_error(field if field in self.fields else None, field_errors)
        return data

    @property
    def category_label(self):
        return CATEGORY_LABELS.get(self["category"].value(), "")

    @property
    def origin(self):
        """Say where the quote comes from, as the page shows it: "From the answer to 2. …"."""
        try:
            pair = self.pairs.get(int(self["pair"].value() or 0))
        except (TypeError, ValueError):
            pair = None
        if pair is None:
            return gettext("From the intro")
        if self.fields["in_prompt"].to_python(self["in_prompt"].value()):
            return gettext("From the prompt of %(pair)s") % {"pair": pair}
        return gettext("From the answer to %(pair)s") % {"pair": pair}


# Model validation that would query: the article and the pair are the article's own, loaded
# once for the page (Fact.clean checks that the pair is the article's), and the person is set
# from the article when the fact is made. validate_constraints is off as well: each constraint
# check is a query, and Fact.clean refuses what the constraints would.
UNQUERIED = ["article", "pair", "person"]


def unsaved_fact(article, data):
    """Return the unsaved fact of `article` an accepted suggestion's cleaned `data` describes."""
    fields = {name: data[name] for name in FACT_FIELDS if name != "themes"}
    return Fact(article=article, **fields)


class BaseSuggestionFormSet(forms.BaseFormSet):
    def clean(self):
        """
        Refuse theme names too long for a theme or that look like existing themes, checking
        every accepted suggestion at once.
        """
        accepted = [form for form in self.forms if form.cleaned_data.get("accept")]
        names = {name for form in accepted for name in form.cleaned_data.get("themes", [])}
        local, twins = Theme.objects.tagging(names)
        longest = Theme._meta.get_field("name").max_length
        for form in accepted:
            for name in form.cleaned_data.get("themes", []):
                if len(name) > longest:
                    form.add_error("themes", THEME_TOO_LONG % {"name": name[:40], "longest": longest})
                elif name in twins:
                    form.add_error("themes", lookalike_error(name, twins[name]))
            if "themes" in form.cleaned_data:
                form.cleaned_data["themes"] = in_english(form.cleaned_data["themes"], local)


SuggestionFormSet = forms.formset_factory(
    SuggestionForm, formset=BaseSuggestionFormSet, extra=0, max_num=MAX_PER_PAGE, absolute_max=MAX_PER_PAGE
)


def page_of(suggestions, start):
    """
    Return the suggestions of the page that starts at pair position `start` (0 for the intro):
    whole pairs, as many as fit in MAX_PER_PAGE suggestions, at least one; the position the next
    page starts at, or None; and how many suggestions of a pair too large for a page are left
    out (they are shown once the first ones are accepted).
    """
    rest = [suggestion for suggestion in suggestions if (suggestion.pair_position or 0) >= start]
    if len(rest) <= MAX_PER_PAGE:
        return rest, None, 0
    cut = MAX_PER_PAGE
    while cut > 0 and rest[cut - 1].pair_position == rest[cut].pair_position:
        cut -= 1
    if cut:
        return rest[:cut], rest[cut].pair_position, 0
    position = rest[0].pair_position
    same = sum(1 for suggestion in rest if suggestion.pair_position == position)
    after = rest[same].pair_position if same < len(rest) else None
    return rest[:MAX_PER_PAGE], after, same - MAX_PER_PAGE


def suggest_facts_view(model_admin, request, object_id):
    """Propose facts from an article's text; the editor accepts, edits or leaves out each one."""
    # The admin's lookup: an address that is not an id is "not found" rather than an error.
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    if article.translation_of_id:
        # A claim is made once, by the original; a translation gives its wording in another language.
        messages.warning(
            request,
            gettext(
                "“%(article)s” is a translation: its facts are those of its original, “%(original)s”. Suggest "
                "facts on the original; the translation gives their wording in its language."
            )
            % {"article": article, "original": article.translation_of},
        )
        return redirect("admin:articles_article_change", article.pk)
    start = request.GET.get("start", "0")
    if not start.isdigit() or len(start) > 5:
        raise Http404
    pairs = {pair.pk: pair for pair in article.pairs.only("article_id", "position", "prompt", "answer")}
    known = {}
    for pair_id, in_prompt, *fact in article.facts.values_list("pair_id", "in_prompt", "quote", "value", "date"):
        known.setdefault((pair_id, in_prompt), []).append(fact)
    by_position = {pair.position: pair for pair in pairs.values()}
    reference = article.original_date or timezone.localdate(article.created_at)
    texts = [(pair.position, pair.prompt, pair.answer) for pair in pairs.values()]
    suggestions = [
        suggestion
        for suggestion in suggest_facts(article.intro, texts, reference)
        if not _recorded(suggestion, by_position, known)
    ]
    shown, next_start, left_over = page_of(suggestions, int(start))
    initial = [_initial(suggestion, by_position) for suggestion in shown]
    formset = SuggestionFormSet(
        request.POST or None,
        initial=initial,
        prefix="suggestions",
        form_kwargs={"article": article, "pairs": pairs},
    )
    if request.method == "POST" and formset.is_valid():
        accepted = [{name: row[name] for name in FACT_FIELDS} for row in formset.cleaned_data if row.get("accept")]
        create_facts(article, accepted, user=request.user)
        left_out = len(formset.forms) - len(accepted)
        added = ngettext("Added %(count)d fact.", "Added %(count)d facts.", len(accepted)) % {"count": len(accepted)}
        left = ngettext("%(count)d suggestion left out.", "%(count)d suggestions left out.", left_out) % {
            "count": left_out
        }
        if accepted:
            messages.success(request, f"{added} {left}")
        else:
            messages.info(
                request,
                ngettext(
                    "No fact added: the suggestion was left out.",
                    "No fact added: the %(count)d suggestions were left out.",
                    left_out,
                )
                % {"count": left_out},
            )
        if next_start is not None:
            return redirect(f"{request.path}?start={next_start}")
        return redirect("admin:articles_article_change", article.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": gettext("Suggested facts for “%(article)s”") % {"article": article},
        "formset": formset,
        "relative_dates": [] if article.original_date else _relative_dates(suggestions, by_position),
        "reference": reference,
        "next_page": f"{request.path}?start={next_start}" if next_start is not None else "",
        "left_over": left_over,
    }
    return TemplateResponse(request, "admin/articles/article/suggest_facts.html", context)


def _recorded(suggestion, by_position, known):
    """
    Tell whether a fact of `known` (the article's facts' quote, value and date by pair and part)
    records `suggestion` already: its figure or date, quoting words that hold the suggestion's
    or that it holds (an editor shortens or lengthens a quote).
    """
    pair = by_position.get(suggestion.pair_position)
    for quote, value, date in known.get((pair.pk if pair else None, suggestion.in_prompt), ()):
        same = value == suggestion.value if suggestion.value is not None else date == suggestion.date
        if same and (suggestion.quote in quote or quote in suggestion.quote):
            return True
    return False


def _initial(suggestion, by_position):
    pair = by_position.get(suggestion.pair_position)
    return {
        "statement": suggestion.statement,
        "quote": suggestion.quote,
        "pair": pair.pk if pair else None,
        "in_prompt": suggestion.in_prompt,
        "category": suggestion.category,
        "value": suggestion.value,
        "unit": suggestion.unit,
        "date": suggestion.date,
        "date_precision": suggestion.date_precision,
    }


def _relative_dates(suggestions, by_position):
    """
    Return, once each, the relative dates of `suggestions` ("last June"), with how they were read
    and where they are: what an article without an original date had to read against its import.
    """
    found = {}
    for suggestion in suggestions:
        if suggestion.relative:
            pair = by_position.get(suggestion.pair_position)
            if pair is None:
                where = gettext("the intro")
            elif suggestion.in_prompt:
                where = gettext("the prompt of %(pair)s") % {"pair": pair}
            else:
                where = gettext("the answer to %(pair)s") % {"pair": pair}
            read_as = format_date(suggestion.date, suggestion.date_precision)
            found.setdefault(
                (suggestion.relative, where), {"words": suggestion.relative, "read_as": read_as, "where": where}
            )
    return list(found.values())
