"""Django's admin sentences that Kormex's catalogues say again (articles/admin/django_words.py)."""

import gettext
from pathlib import Path

import django
from django.contrib.messages import get_messages
from django.test import SimpleTestCase
from django.utils.html import strip_tags
from django.utils.translation import gettext as kormex_gettext
from django.utils.translation import override

from articles.admin.django_words import DJANGO_ADMIN_WORDS

from .support.admin import AdminTestCase, admin_url, management_form
from .support.factories import FactFactory

DJANGO_ADMIN_LOCALE = Path(django.__file__).parent / "contrib" / "admin" / "locale"


class CatalogueTests(SimpleTestCase):
    def test_each_sentence_is_said_in_kormex_words_in_spanish_or_korean(self):
        djangos = {code: gettext.translation("django", DJANGO_ADMIN_LOCALE, languages=[code]) for code in ["es", "ko"]}
        for words in (words for words in DJANGO_ADMIN_WORDS if isinstance(words, str)):
            with self.subTest(words=words):
                said = {}
                for code in djangos:
                    with override(code):
                        said[code] = kormex_gettext(words)
                self.assertNotIn(words, said.values())
                self.assertTrue(any(said[code] != djangos[code].gettext(words) for code in djangos))


class SavedMessagesTests(AdminTestCase):
    def add_person(self, language, name, slug):
        response = self.client.post(
            admin_url("person", "add"),
            {"name": name, "slug": slug, "role": "", "country": "", **management_form("portrait", 0)},
            HTTP_ACCEPT_LANGUAGE=language,
        )
        self.assertEqual(response.status_code, 302)
        return [strip_tags(str(message)) for message in get_messages(response.wsgi_request)]

    def test_a_person_added_in_spanish_is_named_without_a_masculine_article(self):
        """Regression: Django's Spanish said "El persona “Ana Torres” fue agregado correctamente."."""
        self.assertEqual(
            self.add_person("es", "Ana Torres", "ana-torres"), ["«Ana Torres» (persona) se agregó correctamente."]
        )

    def test_a_person_added_in_korean_gets_both_particles(self):
        """Regression: Django's Korean glued 가 to any name: "인물 "이상민"가 성공적으로 추가되었습니다."."""
        self.assertEqual(self.add_person("ko", "이상민", "이상민"), ["인물 “이상민”을(를) 추가했습니다."])

    def test_the_spanish_delete_page_says_usted_and_the_list_counts_without_fue(self):
        fact = FactFactory()
        page = self.client.get(admin_url("fact", "delete", fact.pk), HTTP_ACCEPT_LANGUAGE="es")
        self.assertContains(page, "No, volver atrás")
        self.assertNotContains(page, "llévame")
        data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": str(fact.pk)}
        data |= {"form-0-is_key_figure": "on", "initial-form-0-is_key_figure": "False", "_save": "Guardar"}
        response = self.client.post(admin_url("fact", "changelist"), data, HTTP_ACCEPT_LANGUAGE="es")
        self.assertEqual([str(message) for message in get_messages(response.wsgi_request)], ["Se modificó 1 dato."])
