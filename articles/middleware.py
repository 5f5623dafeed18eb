from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation


class EditorLocaleMiddleware(LocaleMiddleware):
    """
    Serve reader pages in the language of their URL prefix (/es/, /ko/, none for English), as
    Django's LocaleMiddleware does, and the admin in the editor's language: the language cookie,
    else the browser's Accept-Language.

    With i18n_patterns(prefix_default_language=False), Django's middleware serves every URL
    without a prefix in LANGUAGE_CODE, the admin's included, whatever the editor's browser asks.
    """

    def process_request(self, request):
        super().process_request(request)
        if request.path_info.startswith(reverse("admin:index")):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
