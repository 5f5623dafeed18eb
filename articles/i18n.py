"""
The languages Kormex is published in, for models, views and feeds: which one is active, what
each is called in itself, and an object's address in each.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, reverse, translate_url
from django.utils.translation import get_language, get_supported_language_variant, override, pgettext_lazy

# The languages other than English that themes carry their own name, slug and description in;
# English (settings.LANGUAGE_CODE) is the fallback. Each needs its fields on Theme.
TRANSLATED_LANGUAGES = ("es", "ko")


def active_language():
    """Return the code in settings.LANGUAGES of the active language ("es" for "es-mx")."""
    try:
        return get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def language_codes():
    return [code for code, _ in settings.LANGUAGES]


def language_name(code):
    """Return the name of language `code` in that language ("Español")."""
    return dict(settings.LANGUAGES)[code]


# Each language's name as a sentence of the active language writes it: "in Spanish", "en español", "스페인어로".
NAMES_IN_SENTENCES = {
    "en": pgettext_lazy("a language named in a sentence", "English"),
    "es": pgettext_lazy("a language named in a sentence", "Spanish"),
    "ko": pgettext_lazy("a language named in a sentence", "Korean"),
}


def language_label(code):
    """
    Return the name of language `code` in the active language as a sentence writes it
    ("Spanish", "español", "스페인어"), lazily: for the admin, which follows the editor's language.
    A list's choices name it as a label instead ("Español", models.Language).
    """
    return NAMES_IN_SENTENCES[code]


def url_in(language, obj):
    """Return the address of `obj` in `language` (under its prefix, with its slug there)."""
    with override(language):
        return obj.get_absolute_url()


def reverse_in_language(viewname, **kwargs):
    """
    Return reverse(viewname, kwargs=kwargs) in the active language, remembered: a page links to
    the same themes and facts dozens of times, and each reverse() under i18n_patterns costs
    tens of microseconds.
    """
    return remembered_reverse(viewname, get_language(), get_script_prefix(), tuple(sorted(kwargs.items())))


@lru_cache(maxsize=8192)
def remembered_reverse(viewname, language, script_prefix, kwargs):
    return reverse(viewname, kwargs=dict(kwargs))


def address_in(language, path):
    """
    Return translate_url(path, language), remembered: every page writes its own address in
    each language twice (the language links and the alternates), and each costs a resolve()
    and a reverse(). The path is resolved under the active language's prefix, which the key holds.
    """
    return remembered_translation(path, language, get_language(), get_script_prefix())


@lru_cache(maxsize=8192)
def remembered_translation(path, language, active, script_prefix):
    return translate_url(path, language)


def forget_addresses(setting, **kwargs):
    """Receive setting_changed: a test's other URLconf has other addresses."""
    if setting == "ROOT_URLCONF":
        remembered_reverse.cache_clear()
        remembered_translation.cache_clear()


setting_changed.connect(forget_addresses)
