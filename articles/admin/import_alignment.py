"""
Importing a text as the translation of an original: for each imported pair, the original's pair
it translates. Pairs are aligned in order when the counts match; otherwise, or once the editor
has edited the pairs, the review page asks for each pair's original pair.
"""

from django import forms
from django.utils.translation import gettext_lazy

from ..importer.review import alignment_errors, excerpt
from ..models import Article

# The hidden input that names the original a posted alignment was chosen for: an alignment
# chosen for another original than the one now chosen is not used.
ALIGNED_WITH = "aligned_with"


def original_chosen(form):
    """Return the original that the posted review form names as the one it translates, or None."""
    value = str(form["translation_of"].value() or "")
    return Article.objects.filter(translation_of=None, pk=value).first() if value.isdigit() else None


def original_pair_field(original_pairs):
    """Return the field that chooses which of `original_pairs` an imported pair translates."""
    return forms.TypedChoiceField(
        label=gettext_lazy("Translates"),
        choices=[
            ("", gettext_lazy("None of the original's pairs")),
            *((pair.pk, f"{pair.position}. {excerpt(pair.prompt)}") for pair in original_pairs),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=gettext_lazy(
            "The pair of the original this one translates. Each original pair is translated once at most, in "
            "the original's order; pairs that translate none follow the others."
        ),
    )


def aligned_initial(rows, original_pairs):
    """
    Return the pair forms' initial values for `rows`, (prompt, answer), aligned in order with
    `original_pairs` when there is an original (`original_pairs` not None).
    """
    initial = [{"prompt": prompt, "answer": answer} for prompt, answer in rows]
    if original_pairs is not None:
        for row, pair in zip(initial, [*original_pairs, *[None] * len(rows)], strict=False):
            row["original"] = pair.pk if pair else None
    return initial


def alignment_of(pairs, original_pairs):
    """
    Return, for each valid form of the `pairs` formset, the original pair it translates (or
    None); or None, with an error on each refused form, when the alignment is refused.
    """
    by_pk = {pair.pk: pair for pair in original_pairs}
    chosen = [row.cleaned_data.get("original") for row in pairs.forms]
    errors = alignment_errors(chosen, {pk: pair.position for pk, pair in by_pk.items()})
    for index, message in errors.items():
        pairs.forms[index].add_error("original", message)
    return None if errors else [by_pk.get(pk) for pk in chosen]
