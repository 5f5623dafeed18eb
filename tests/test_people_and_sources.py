"""People and sources: contributors cannot change those published content shows; every change is a version."""

from django.test import TestCase
from django.urls import reverse
from reversion.models import Version

from articles.admin.records import record_state
from articles.models import Person, Source

from .support.admin import admin_url, management_form, member_of, resubmit
from .support.factories import ArticleFactory, FactFactory, PersonFactory, SourceFactory


def person_data(person, **values):
    return {
        "name": person.name,
        "slug": person.slug,
        "role": person.role,
        "country": person.country,
        "loaded_state": record_state(person),
        **management_form("portrait", 0),
        **values,
    }


def source_data(source, **values):
    return {
        "name": source.name,
        "url": source.url,
        "language": source.language,
        "loaded_state": record_state(source),
        **values,
    }


class ContributorTests(TestCase):
    """Regression: a contributor could rename the interviewee or the source of a published interview."""

    @classmethod
    def setUpTestData(cls):
        cls.contributor = member_of("Contributor")
        published = ArticleFactory(interviewer=PersonFactory(name="The interviewer"))
        scheduled = ArticleFactory(scheduled=True)
        quoted = FactFactory(pair__article=published, person=PersonFactory(name="Someone quoted")).person
        cls.shown = {
            "interviewee of a published article": published.interviewee,
            "interviewer of a published article": published.interviewer,
            "person of a fact of a published article": quoted,
            "interviewee of a scheduled article": scheduled.interviewee,
            "source of a published article": published.source,
            "source of a scheduled article": scheduled.source,
        }
        cls.draft = ArticleFactory(draft=True)

    def setUp(self):
        self.client.force_login(self.contributor)

    def data(self, obj, **values):
        return person_data(obj, **values) if isinstance(obj, Person) else source_data(obj, **values)

    def test_what_published_content_shows_is_read_only_and_a_post_is_refused(self):
        for shown, obj in self.shown.items():
            model = obj._meta.model_name
            for query in ["", "?_to_field=id&_popup=1"]:
                with self.subTest(shown=shown, query=query):
                    url = admin_url(model, "change", obj.pk) + query
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    self.assertFalse(response.context["has_change_permission"])
                    self.assertNotContains(response, 'name="name"')
                    response = self.client.post(url, self.data(obj, name="Renamed"))
                    self.assertEqual(response.status_code, 403)
                    self.assertEqual(type(obj).objects.get(pk=obj.pk).name, obj.name)

    def test_what_published_content_shows_cannot_be_deleted(self):
        for shown, obj in self.shown.items():
            with self.subTest(shown=shown):
                url = admin_url(obj._meta.model_name, "delete", obj.pk)
                self.assertEqual(self.client.get(url).status_code, 403)
                self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 403)
                self.assertTrue(type(obj).objects.filter(pk=obj.pk).exists())

    def test_what_only_drafts_show_stays_editable(self):
        for obj in [self.draft.interviewee, self.draft.source]:
            with self.subTest(model=obj._meta.model_name):
                url = admin_url(obj._meta.model_name, "change", obj.pk)
                self.assertTrue(self.client.get(url).context["has_change_permission"])
                self.assertEqual(self.client.post(url, self.data(obj, name="Corrected name")).status_code, 302)
                self.assertEqual(type(obj).objects.get(pk=obj.pk).name, "Corrected name")

    def test_new_people_and_sources_can_be_added_from_the_autocompletes_popup(self):
        popup = {"_to_field": "id", "_popup": "1"}
        new = {
            "person": {"name": "Ana Ruiz", "slug": "ana-ruiz", **management_form("portrait", 0)},
            "source": {"name": "El Norte", "language": "es"},
        }
        for model, data in new.items():
            with self.subTest(model=model):
                url = admin_url(model, "add") + "?_to_field=id&_popup=1"
                self.assertTrue(self.client.get(url).context["has_add_permission"])
                response = self.client.post(url, {"role": "", "country": "", **popup, **data})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "popup_response")
        self.assertTrue(Person.objects.filter(slug="ana-ruiz").exists())
        self.assertTrue(Source.objects.filter(name="El Norte").exists())

    def test_a_person_known_by_a_korean_name_gets_a_korean_slug_which_the_fact_filter_reads(self):
        """Regression: the person slug refused Hangul ("letters, numbers, underscores or hyphens" only)."""
        url = admin_url("person", "add")
        response = self.client.post(
            url, {"name": "이상민", "slug": "이상민", "role": "", "country": "", **management_form("portrait", 0)}
        )
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)
        person = Person.objects.get(slug="이상민")
        self.assertIn('"allowUnicode": true', self.client.get(url).content.decode().replace("&quot;", '"'))
        FactFactory(article=ArticleFactory(interviewee=person), person=person)
        self.assertContains(self.client.get("/ko/facts/", {"person": "이상민"}), "사실 1건")

    def test_a_restored_version_is_refused_too(self):
        person = self.shown["interviewee of a published article"]
        self.client.force_login(member_of("Editor"))
        url = admin_url("person", "change", person.pk)
        self.client.post(url, person_data(person, role="Former minister"))
        self.client.post(url, person_data(person, role="Ambassador"))
        self.client.force_login(self.contributor)
        oldest = Version.objects.get_for_object(person).last()
        revision = reverse("admin:articles_person_revision", args=[person.pk, oldest.pk])
        self.assertEqual(self.client.post(revision, person_data(person, role="Former minister")).status_code, 403)
        self.assertEqual(Person.objects.get(pk=person.pk).role, "Ambassador")


class EditorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = member_of("Editor")
        cls.article = ArticleFactory()

    def setUp(self):
        self.client.force_login(self.editor)

    def test_a_change_is_recorded_as_a_version_with_who_made_it(self):
        for obj, data in [
            (self.article.interviewee, person_data(self.article.interviewee, name="Kim Min-jun")),
            (self.article.source, source_data(self.article.source, name="Reforma", url="https://reforma.example")),
        ]:
            with self.subTest(model=obj._meta.model_name):
                self.assertEqual(
                    self.client.post(admin_url(obj._meta.model_name, "change", obj.pk), data).status_code, 302
                )
                version = Version.objects.get_for_object(obj).get()
                self.assertEqual(version.field_dict["name"], data["name"])
                self.assertEqual(version.revision.user, self.editor)

    def test_a_source_named_like_another_but_for_case_accents_or_spaces_is_refused(self):
        """Regression: "el economista" was saved beside "El Economista", two sources for one newspaper."""
        SourceFactory(name="El Economista")
        for name in ["el economista", "El  Económista", "ElEconomista."]:
            with self.subTest(name):
                response = self.client.post(admin_url("source", "add"), {"name": name, "url": "", "language": "es"})
                self.assertEqual(
                    response.context["adminform"].form.errors["name"],
                    [f"“{name}” looks like the existing source “El Economista”: choose that source instead."],
                )
        self.assertEqual(Source.objects.filter(name__icontains="economista").count(), 1)
        edited = source_data(self.article.source, name=self.article.source.name.upper())
        self.assertEqual(
            self.client.post(admin_url("source", "change", self.article.source.pk), edited).status_code, 302
        )

    def test_restoring_a_persons_version_brings_its_name_back(self):
        person = self.article.interviewee
        url = admin_url("person", "change", person.pk)
        self.client.post(url, person_data(person, name="Kim Min-jun"))
        first = Version.objects.get_for_object(person).get()
        self.client.post(url, person_data(person, name="Kim Min-jun", slug="kim", role="Ambassador"))

        history = self.client.get(admin_url("person", "history", person.pk))
        self.assertContains(history, reverse("admin:articles_person_revision", args=[person.pk, first.pk]))
        compare = self.client.get(
            admin_url("person", "history", person.pk) + "compare/",
            {"version_id1": first.pk, "version_id2": Version.objects.get_for_object(person).first().pk},
        )
        self.assertContains(compare, "Ambassador")

        revision = reverse("admin:articles_person_revision", args=[person.pk, first.pk])
        page = self.client.get(revision)
        self.assertEqual(page.context["adminform"].form.initial["role"], person.role)
        self.assertEqual(self.client.post(revision, resubmit(page)).status_code, 302)
        restored = Person.objects.get(pk=person.pk)
        self.assertEqual((restored.name, restored.slug, restored.role), ("Kim Min-jun", person.slug, person.role))
        self.assertEqual(Version.objects.get_for_object(person).count(), 3)
