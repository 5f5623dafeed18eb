"""
Admin sign-in: throttling and lockouts (django-axes), the client's address behind a proxy and the
configurable admin path, asserted on real responses.
"""

import importlib
from datetime import timedelta

from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings
from django.urls import clear_url_caches, reverse
from django.utils import timezone

from articles.admin.signin import client_ip_address

from .support.admin import member_of
from .support.environment import PRODUCTION_ENV, run_python, settings_under
from .support.factories import UserFactory
from .support.signin import FAST_HASHING, sign_in


@FAST_HASHING
@override_settings(AXES_FAILURE_LIMIT=5, AXES_COOLOFF_TIME=timedelta(hours=1))
class LoginThrottlingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(is_staff=True)

    def lock_out(self, username=None, **meta):
        username = username or self.user.username
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            response = sign_in(self.client, username, "wrong", **meta)
            self.assertEqual(response.status_code, 200)
        return sign_in(self.client, username, "wrong", **meta)

    def assert_signed_in(self, response):
        self.assertRedirects(response, reverse("admin:index"), fetch_redirect_response=False)
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)

    def test_five_failures_lock_out_and_the_lockout_page_says_what_to_do(self):
        response = self.lock_out()
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response["Retry-After"], "3600")
        self.assertContains(response, "Sign-in locked", status_code=429)
        self.assertContains(response, "from your address failed 5 times, so it is locked", status_code=429)
        self.assertContains(response, "Try again in 1\xa0hour", status_code=429)
        self.assertContains(response, "ask an editor to lift the lock", status_code=429)

    def test_the_correct_password_is_refused_while_locked_out(self):
        self.lock_out()
        response = sign_in(self.client, self.user.username)
        self.assertEqual(response.status_code, 429)
        self.assertNotIn(settings.SESSION_COOKIE_NAME, response.cookies)
        self.assertRedirects(
            self.client.get(reverse("admin:index")), reverse("admin:login") + "?next=" + reverse("admin:index")
        )

    def test_the_lock_lifts_when_the_cool_off_time_has_passed(self):
        self.lock_out()
        AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1, minutes=1))
        self.assert_signed_in(sign_in(self.client, self.user.username))

    def test_a_success_before_the_limit_forgets_the_failures(self):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            sign_in(self.client, self.user.username, "wrong")
        self.assert_signed_in(sign_in(self.client, self.user.username))
        self.client.logout()
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.assertEqual(sign_in(self.client, self.user.username, "wrong").status_code, 200)

    def test_the_lock_holds_one_username_at_one_address(self):
        self.lock_out()
        other = UserFactory(is_staff=True)
        self.assert_signed_in(sign_in(self.client, other.username))
        self.client.logout()
        self.assert_signed_in(sign_in(self.client, self.user.username, REMOTE_ADDR="192.0.2.7"))

    def test_a_forged_forwarded_address_does_not_escape_the_lock(self):
        self.lock_out(HTTP_X_FORWARDED_FOR="198.51.100.1")
        response = sign_in(self.client, self.user.username, HTTP_X_FORWARDED_FOR="198.51.100.2")
        self.assertEqual(response.status_code, 429)

    @override_settings(PROXY_COUNT=1)
    def test_behind_a_configured_proxy_each_client_address_is_locked_apart(self):
        self.assertEqual(self.lock_out(HTTP_X_FORWARDED_FOR="198.51.100.1").status_code, 429)
        self.assert_signed_in(sign_in(self.client, self.user.username, HTTP_X_FORWARDED_FOR="198.51.100.2"))
        self.assertEqual(AccessAttempt.objects.get().ip_address, "198.51.100.1")

    def test_the_lockout_page_escapes_the_username_and_is_translated(self):
        hostile = '<script>alert("x")</script>'
        response = self.lock_out(hostile, HTTP_ACCEPT_LANGUAGE="es")
        self.assertEqual(response.status_code, 429)
        self.assertNotContains(response, hostile, status_code=429)
        self.assertContains(response, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", status_code=429)
        self.assertContains(response, '<html lang="es"', status_code=429)
        self.assertContains(response, "Inicio de sesión bloqueado", status_code=429)
        self.assertContains(response, "Vuelva a intentarlo en 1\xa0hora", status_code=429)
        self.assertContains(response, "“Bloqueos de inicio de sesión” › “Intentos de acceso”", status_code=429)
        korean = self.lock_out("다른사용자", HTTP_ACCEPT_LANGUAGE="ko")
        self.assertContains(korean, '<html lang="ko"', status_code=429)
        self.assertContains(korean, "로그인 잠김", status_code=429)
        self.assertContains(korean, "“로그인 잠금” › “접근 시도”", status_code=429)


@FAST_HASHING
class LockoutAdminTests(TestCase):
    """Editors see lockouts in the admin and lift one by deleting its access attempt; Contributors cannot."""

    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(is_staff=True)
        cls.editor = member_of("Editor")
        cls.contributor = member_of("Contributor")

    def setUp(self):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(self.client, self.user.username, "wrong")
        self.assertEqual(sign_in(self.client, self.user.username).status_code, 429)
        self.attempt = AccessAttempt.objects.get(username=self.user.username)

    def test_an_editor_sees_the_lockout_and_lifts_it(self):
        self.client.force_login(self.editor)
        changelist = self.client.get(reverse("admin:axes_accessattempt_changelist") + "?locked_out=yes")
        self.assertContains(changelist, self.user.username)
        self.assertContains(changelist, "Locked Out")
        delete_url = reverse("admin:axes_accessattempt_delete", args=[self.attempt.pk])
        self.assertEqual(self.client.get(delete_url).status_code, 200)
        self.client.post(delete_url, {"post": "yes"})
        self.assertFalse(AccessAttempt.objects.exists())
        self.client.logout()
        response = sign_in(self.client, self.user.username)
        self.assertRedirects(response, reverse("admin:index"), fetch_redirect_response=False)

    def test_an_editor_can_lift_lockouts_with_the_delete_action(self):
        self.client.force_login(self.editor)
        self.client.post(
            reverse("admin:axes_accessattempt_changelist"),
            {"action": "delete_selected", "_selected_action": [self.attempt.pk], "post": "yes"},
        )
        self.assertFalse(AccessAttempt.objects.exists())

    def test_an_editor_sees_the_sign_in_log_and_each_failure(self):
        """Regression: the list of access failures was always empty, as django-axes logs none by default."""
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(reverse("admin:axes_accesslog_changelist")).status_code, 200)
        failures = self.client.get(reverse("admin:axes_accessfailurelog_changelist"))
        self.assertEqual(
            [failure.username for failure in failures.context["cl"].result_list],
            [self.user.username] * (settings.AXES_FAILURE_LIMIT + 1),
        )

    def test_an_attempt_is_named_by_whose_it_is_and_its_status_column_in_the_editors_language(self):
        """Regression: the list said "Intento de acceso: Attempted Access: 2026-12-08 01:27:58+00:00"; "Status"."""
        self.client.force_login(self.editor)
        delete_url = reverse("admin:axes_accessattempt_delete", args=[self.attempt.pk])
        page = self.client.get(delete_url, HTTP_ACCEPT_LANGUAGE="es")
        self.assertEqual(len(page.context["deleted_objects"]), 1)
        self.assertRegex(
            page.context["deleted_objects"][0],
            rf"^Intento de acceso: {self.user.username} desde 127\.0\.0\.1, último intento: ",
        )
        changelist = self.client.get(reverse("admin:axes_accessattempt_changelist"), HTTP_ACCEPT_LANGUAGE="es")
        self.assertContains(changelist, "<span>Estado</span>", html=True)

    def test_a_contributor_can_neither_see_nor_lift_a_lockout(self):
        self.client.force_login(self.contributor)
        self.assertEqual(self.client.get(reverse("admin:axes_accessattempt_changelist")).status_code, 403)
        delete_url = reverse("admin:axes_accessattempt_delete", args=[self.attempt.pk])
        self.assertEqual(self.client.post(delete_url, {"post": "yes"}).status_code, 403)
        self.assertTrue(AccessAttempt.objects.exists())
        self.assertEqual(sign_in(self.client, self.user.username).status_code, 429)

    def test_nobody_adds_or_edits_access_attempts(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(reverse("admin:axes_accessattempt_add")).status_code, 403)
        change_url = reverse("admin:axes_accessattempt_change", args=[self.attempt.pk])
        self.client.post(change_url, {"username": "someone-else"})
        self.attempt.refresh_from_db()
        self.assertEqual(self.attempt.username, self.user.username)


class LockoutPermissionMigrationTests(TestCase):
    migration = importlib.import_module("articles.migrations.0009_editors_lift_signin_lockouts")

    def axes_codenames(self, group):
        permissions = Group.objects.get(name=group).permissions.filter(content_type__app_label="axes")
        return set(permissions.values_list("codename", flat=True))

    def test_editors_view_and_delete_access_attempts_and_view_the_logs(self):
        expected = {"view_accessattempt", "delete_accessattempt", "view_accesslog", "view_accessfailurelog"}
        self.assertEqual(self.axes_codenames("Editor"), expected)
        self.assertEqual(self.axes_codenames("Contributor"), set())

    def test_the_migration_reverses_and_applies_again(self):
        self.migration.revoke_editors(apps, None)
        self.assertEqual(self.axes_codenames("Editor"), set())
        self.assertTrue(Permission.objects.filter(codename="delete_accessattempt").exists())
        self.migration.grant_editors(apps, None)
        self.assertEqual(len(self.axes_codenames("Editor")), 4)


class ClientAddressTests(SimpleTestCase):
    def address(self, forwarded=None):
        headers = {} if forwarded is None else {"x-forwarded-for": forwarded}
        return client_ip_address(RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", headers=headers))

    def test_without_proxies_the_forwarded_header_is_ignored(self):
        self.assertEqual(self.address("198.51.100.1"), "10.0.0.9")

    @override_settings(PROXY_COUNT=1)
    def test_behind_one_proxy_the_address_it_appended_counts(self):
        self.assertEqual(self.address("203.0.113.5, 198.51.100.1"), "198.51.100.1")
        self.assertEqual(self.address(" 2001:db8::1 "), "2001:db8::1")

    @override_settings(PROXY_COUNT=2)
    def test_behind_two_proxies_the_address_the_outer_one_appended_counts(self):
        self.assertEqual(self.address("203.0.113.5, 198.51.100.1, 10.0.0.1"), "198.51.100.1")

    @override_settings(PROXY_COUNT=1)
    def test_a_missing_or_malformed_forwarded_address_falls_back_to_the_connection(self):
        for forwarded in [None, "", "unknown", "198.51.100.1:443", "1.2.3.4\x00", "<script>"]:
            with self.subTest(forwarded=forwarded):
                self.assertEqual(self.address(forwarded), "10.0.0.9")

    @override_settings(PROXY_COUNT=3)
    def test_fewer_forwarded_addresses_than_proxies_fall_back_to_the_connection(self):
        self.assertEqual(self.address("198.51.100.1, 10.0.0.1"), "10.0.0.9")


@FAST_HASHING
class AdminPathTests(TestCase):
    def test_admin_path_must_be_a_relative_path_ending_in_a_slash(self):
        for value in ["/admin/", "admin", "staff//admin/", "../admin/", "adm<int:x>/", "adm in/", "/"]:
            with self.subTest(value=value):
                result = run_python("-c", "import kormex.settings", **PRODUCTION_ENV, DJANGO_ADMIN_PATH=value)
                self.assertNotEqual(result.returncode, 0)
                self.assertIn("ImproperlyConfigured: DJANGO_ADMIN_PATH must be a path such as 'admin/'", result.stderr)

    def test_admin_path_accepts_nested_paths_and_defaults_to_admin(self):
        for value, expected in [("staff/desk-2/", "staff/desk-2/"), ("", "admin/")]:
            with self.subTest(value=value):
                self.assertEqual(
                    settings_under({**PRODUCTION_ENV, "DJANGO_ADMIN_PATH": value}, ["ADMIN_PATH"]),
                    {"ADMIN_PATH": expected},
                )

    def serve_admin_at(self, path):
        """Reload the URLconf with the admin at `path`, and restore it after the test."""
        urls = importlib.import_module(settings.ROOT_URLCONF)
        context = override_settings(ADMIN_PATH=path)
        context.enable()
        self.addCleanup(clear_url_caches)
        self.addCleanup(importlib.reload, urls)
        self.addCleanup(context.disable)
        importlib.reload(urls)
        clear_url_caches()

    def test_the_admin_and_its_language_follow_the_admin_path(self):
        self.serve_admin_at("backstage/")
        self.assertEqual(reverse("admin:index"), "/backstage/")
        self.assertRedirects(self.client.get("/backstage/"), "/backstage/login/?next=/backstage/")
        self.assertEqual(self.client.get("/admin/").status_code, 404)
        login = self.client.get("/backstage/login/", headers={"accept-language": "ko"})
        self.assertContains(login, "Kormex 관리")
        self.assertContains(login, 'action="/backstage/login/"')

    def test_robots_txt_does_not_give_the_admin_path_away_and_admin_pages_ask_not_to_be_indexed(self):
        self.serve_admin_at("backstage/")
        robots = self.client.get("/robots.txt").content.decode()
        self.assertNotIn("backstage", robots)
        self.assertNotIn("/admin/", robots)
        login = self.client.get("/backstage/login/")
        self.assertContains(login, '<meta name="robots" content="NONE,NOARCHIVE">', html=True)

    def test_sign_in_throttling_guards_the_moved_admin(self):
        self.serve_admin_at("backstage/")
        user = UserFactory(is_staff=True)
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(self.client, user.username, "wrong")
        self.assertEqual(sign_in(self.client, user.username).status_code, 429)
