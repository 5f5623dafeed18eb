from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse
from reversion.models import Version

from articles.admin.records import record_state
from articles.history_comments import said
from articles.models import TaggedFact, TaggedQAPair, Theme, ThemeMerge, ThemeRedirect, name_key
from articles.models.themes import parse_theme_names

from .support.admin import AdminTestCase, admin_url, fact_data
from .support.factories import ArticleFactory, FactFactory, QAPairFactory, ThemeFactory, UserFactory

LOOKALIKE = "“%s” looks like the existing theme “%s”: use that name or choose a clearly different one."
UNLISTABLE = (
    "Themes are typed as a list separated by commas, so a name cannot contain a comma "
    "nor begin or end with a double quote."
)


def theme_url(slug):
    return reverse("articles:theme-detail", args=[slug])


def names(obj):
    return sorted(theme.name for theme in obj.themes.all())


class ActionTestCase(AdminTestCase):
    def act(self, model, action, objects, **data):
        """
        Post `action` on `objects` from the `model` changelist, following a redirect (which shows
        and so consumes the messages); return the response and its messages.
        """
        data = {"action": action, "_selected_action": [str(obj.pk) for obj in objects], **data}
        response = self.client.post(admin_url(model, "changelist"), data, follow=True)
        return response, [str(message) for message in get_messages(response.wsgi_request)]

    def offered_actions(self, model):
        form = self.client.get(admin_url(model, "changelist")).context["action_form"]
        return [name for name, _ in form.fields["action"].choices] if form else []


class MergeThemesTests(ActionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.fta = ThemeFactory(name="Trade and the FTA", slug="trade-and-the-fta")
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        cls.commerce = ThemeFactory(name="Commerce", slug="commerce-old")
        cls.commerce.slug = "commerce"
        cls.commerce.save()
        cls.unrelated = ThemeFactory(name="Space", slug="space")
        cls.article = ArticleFactory(themes=[cls.trade])
        cls.pair = QAPairFactory(article=cls.article, themes=[cls.trade, cls.fta])
        cls.fact = FactFactory(pair=cls.pair, themes=[cls.commerce, cls.unrelated])
        cls.fact_with_both = FactFactory(pair=cls.pair, themes=[cls.trade, cls.commerce])

    def merge(self, *themes, keep=None):
        extra = {"post": "yes", "keep": str(keep.pk)} if keep else {}
        return self.act("theme", "merge", themes, **extra)

    def test_merge_moves_every_item_to_the_kept_theme_once(self):
        response, messages = self.merge(self.fta, self.trade, self.commerce, keep=self.fta)
        self.assertRedirects(response, admin_url("theme", "changelist"))
        self.assertEqual(
            messages,
            ["Merged “Commerce”, “Trade” into “Trade and the FTA”; 3 items gained “Trade and the FTA”."],
        )
        self.assertEqual(names(self.article), ["Trade and the FTA"])
        self.assertEqual(names(self.pair), ["Trade and the FTA"])
        self.assertEqual(names(self.fact), ["Space", "Trade and the FTA"])
        self.assertEqual(names(self.fact_with_both), ["Trade and the FTA"])
        self.assertEqual(TaggedQAPair.objects.filter(content_object=self.pair).count(), 1)
        self.assertEqual(TaggedFact.objects.filter(content_object=self.fact_with_both).count(), 1)
        self.assertQuerySetEqual(Theme.objects.order_by("name"), [self.unrelated, self.fta])

    def test_public_theme_list_counts_follow_the_merge(self):
        self.merge(self.fta, self.trade, self.commerce, keep=self.fta)
        response = self.client.get(reverse("articles:theme-list"))
        counts = {t.name: (t.article_count, t.pair_count, t.fact_count) for t in response.context["theme_list"]}
        self.assertEqual(counts, {"Trade and the FTA": (1, 1, 2), "Space": (0, 0, 1)})

    def test_merged_addresses_and_their_redirects_answer_301_to_the_kept_theme(self):
        """The redirect left by renaming Commerce is repointed, not deleted with Commerce."""
        self.merge(self.fta, self.trade, self.commerce, keep=self.fta)
        for old in ["trade", "commerce", "commerce-old"]:
            with self.subTest(old=old):
                response = self.client.get(theme_url(old))
                self.assertRedirects(response, theme_url("trade-and-the-fta"), status_code=301)

    def test_merge_is_recorded_with_the_user_and_the_items_moved(self):
        self.merge(self.fta, self.trade, self.commerce, keep=self.fta)
        merges = ThemeMerge.objects.order_by("name")
        self.assertEqual(
            [(m.name, m.slug, m.kept, m.merged_by) for m in merges],
            [
                ("Commerce", "commerce", self.fta, self.editor),
                ("Trade", "trade", self.fta, self.editor),
            ],
        )
        # Commerce goes first (themes are ordered by name): both its facts gain the kept theme,
        # then of Trade's items only the article does (the pair already had it).
        self.assertEqual([m.item_count for m in merges], [2, 1])

    def test_merge_records_are_read_only_in_the_admin(self):
        self.merge(self.fta, self.trade, keep=self.trade)
        record = ThemeMerge.objects.get()
        response = self.client.get(admin_url("thememerge", "change", record.pk))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.context["has_change_permission"])
        self.assertEqual(self.client.get(admin_url("thememerge", "add")).status_code, 403)

    def test_first_step_lists_the_themes_with_their_usage_and_asks_which_to_keep(self):
        response, _ = self.merge(self.trade, self.fta)
        self.assertTemplateUsed(response, "admin/articles/theme/merge_themes.html")
        self.assertContains(response, 'type="radio" name="keep"', count=2)
        self.assertContains(response, "csrfmiddlewaretoken")
        self.assertContains(
            response,
            f'<tr><td><input type="radio" name="keep" value="{self.trade.pk}" id="id_keep_0" required></td>'
            f'<th scope="row"><label for="id_keep_0">Trade</label></th><td>trade</td>'
            "<td>1</td><td>1</td><td>1</td></tr>",
            html=True,
        )
        self.assertEqual(Theme.objects.count(), 4)

    def test_confirming_without_a_theme_to_keep_asks_again(self):
        response, _ = self.act("theme", "merge", [self.trade, self.fta], post="yes")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["keep"])
        self.assertEqual(Theme.objects.count(), 4)

    def test_merging_a_single_theme_is_refused(self):
        response, messages = self.merge(self.trade, keep=self.trade)
        self.assertRedirects(response, admin_url("theme", "changelist"))
        self.assertEqual(messages, ["Select at least two themes to merge."])
        self.assertEqual(Theme.objects.count(), 4)
        self.assertFalse(ThemeMerge.objects.exists())

    def test_contributors_cannot_merge_themes(self):
        contributor = UserFactory(is_staff=True)
        contributor.groups.add(Group.objects.get(name="Contributor"))
        self.client.force_login(contributor)
        self.assertNotIn("merge", self.offered_actions("theme"))
        self.merge(self.fta, self.trade, keep=self.fta)
        self.assertEqual(Theme.objects.count(), 4)
        self.assertFalse(ThemeMerge.objects.exists())


class ThemeRenameTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.theme = ThemeFactory(name="Trade", slug="trade")
        cls.fact = FactFactory(themes=[cls.theme])

    def rename(self, *slugs):
        for slug in slugs:
            self.theme.slug = slug
            self.theme.save()

    def test_renamed_theme_answers_301_from_its_old_address_keeping_the_query_string(self):
        self.rename("trade-fta")
        response = self.client.get(theme_url("trade") + "?kind=figure&page=1")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], theme_url("trade-fta") + "?kind=figure&page=1")
        self.assertEqual(self.client.get(theme_url("trade-fta")).status_code, 200)

    def test_renaming_in_the_admin_records_the_redirect(self):
        data = {"name": "Trade", "slug": "trade-fta", "description": "", "loaded_state": record_state(self.theme)}
        response = self.client.post(admin_url("theme", "change", self.theme.pk), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ThemeRedirect.objects.get(old_slug="trade").theme, self.theme)

    def test_chained_renames_all_lead_to_the_latest_address(self):
        self.rename("trade-b", "trade-c")
        for old in ["trade", "trade-b"]:
            with self.subTest(old=old):
                self.assertRedirects(self.client.get(theme_url(old)), theme_url("trade-c"), status_code=301)

    def test_renaming_back_to_an_old_slug_serves_the_theme_there(self):
        self.rename("trade-b", "trade")
        self.assertEqual(self.client.get(theme_url("trade")).status_code, 200)
        self.assertRedirects(self.client.get(theme_url("trade-b")), theme_url("trade"), status_code=301)
        self.assertEqual(list(ThemeRedirect.objects.values_list("old_slug", flat=True)), ["trade-b"])

    def test_saving_without_changing_the_slug_records_no_redirect(self):
        self.theme.description = "Exports and imports."
        self.theme.save()
        self.assertFalse(ThemeRedirect.objects.exists())

    def test_new_theme_taking_an_old_slug_wins_over_the_redirect(self):
        self.rename("trade-fta")
        newcomer = ThemeFactory(name="Trade policy", slug="trade")
        # Only a theme published content uses has a page.
        FactFactory(themes=[newcomer])
        response = self.client.get(theme_url("trade"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["theme"], newcomer)
        self.assertFalse(ThemeRedirect.objects.filter(old_slug="trade").exists())

    def test_redirect_from_a_live_themes_slug_is_refused(self):
        data = {"old_slug": "trade", "theme": str(ThemeFactory(name="Space").pk)}
        errors = self.assertRefused(self.client.post(admin_url("themeredirect", "add"), data))
        self.assertEqual(errors["old_slug"], ["A theme has this slug: its page would hide the redirect."])

    def test_facts_filter_resolves_an_old_slug_to_the_current_theme(self):
        self.rename("trade-fta")
        response = self.client.get(reverse("articles:fact-list"), {"theme": ["trade", "trade-fta"]})
        self.assertEqual(response.context["selected_themes"], [self.theme])
        self.assertEqual(list(response.context["facts"]), [self.fact])
        self.assertEqual(response.context["notices"], [])


class BulkThemeActionTests(ActionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.space = ThemeFactory(name="Space")
        cls.other = ThemeFactory(name="Trade")
        article = ArticleFactory()
        cls.items = {
            "qapair": [QAPairFactory(article=article, themes=[cls.space, cls.other]) for _ in range(3)],
            "fact": [FactFactory(pair=QAPairFactory(article=article), themes=[cls.space]) for _ in range(3)],
        }
        for items in cls.items.values():
            items[2].themes.clear()

    def tagged(self, model):
        return [self.space in item.themes.all() for item in self.items[model]]

    def test_adding_a_theme_tags_the_selected_items_that_lacked_it(self):
        for model, noun in [("qapair", "Q&A pair"), ("fact", "fact")]:
            with self.subTest(model=model):
                first, _, third = self.items[model]
                response, messages = self.act(model, "add_theme", [first, third], post="yes", theme=self.space.pk)
                self.assertRedirects(response, admin_url(model, "changelist"))
                self.assertEqual(messages, [f"Added “Space” to 1 {noun}. 1 {noun} already had “Space”."])
                self.assertEqual(self.tagged(model), [True, True, True])
                self.assertEqual(first.tagged_items.filter(tag=self.space).count(), 1)

    def test_removing_a_theme_untags_only_the_selected_items(self):
        for model, noun in [("qapair", "Q&A pair"), ("fact", "fact")]:
            with self.subTest(model=model):
                first, _, third = self.items[model]
                response, messages = self.act(model, "remove_theme", [first, third], post="yes", theme=self.space.pk)
                self.assertRedirects(response, admin_url(model, "changelist"))
                self.assertEqual(messages, [f"Removed “Space” from 1 {noun}. 1 {noun} did not have “Space”."])
                self.assertEqual(self.tagged(model), [False, True, False])
        self.assertEqual(names(self.items["qapair"][0]), ["Trade"], "other themes stay")

    def test_an_action_that_changes_nothing_says_why_instead_of_counting_zero(self):
        """Regression: "Added “Space” to 0 facts." as a success, when both already had it."""
        first, second, third = self.items["fact"]
        _, messages = self.act("fact", "add_theme", [first, second], post="yes", theme=self.space.pk)
        self.assertEqual(messages, ["2 facts already had “Space”."])
        _, messages = self.act("fact", "remove_theme", [third], post="yes", theme=self.space.pk)
        self.assertEqual(messages, ["1 fact did not have “Space”."])
        self.assertEqual(self.tagged("fact"), [True, True, False])

    def test_each_changed_item_gets_a_version_that_keeps_the_change(self):
        """Bulk changes were missing from an item's history, and reverting it to its latest version undid them."""
        for action, model in [("add_theme", "qapair"), ("remove_theme", "fact")]:
            with self.subTest(action=action):
                first, _, third = self.items[model]
                self.act(model, action, [first, third], post="yes", theme=self.space.pk)
                changed = third if action == "add_theme" else first
                self.assertFalse(Version.objects.get_for_object(first if changed == third else third).exists())
                latest = Version.objects.get_for_object(changed).first()
                verb = "Added" if action == "add_theme" else "Removed"
                self.assertEqual(said(latest.revision), f"{verb} the theme “Space”.")
                self.assertEqual(latest.revision.user, self.editor)
                tagged_before = self.space in changed.themes.all()
                changed.themes.set([] if tagged_before else [self.space])
                latest.revision.revert(delete=True)
                self.assertEqual(self.space in changed.themes.all(), tagged_before)

    def test_a_contributor_is_told_how_many_published_items_were_left_alone(self):
        """The count's sentence was plural whatever the count: "1 you may not change were left alone"."""
        contributor = UserFactory(is_staff=True)
        contributor.groups.add(Group.objects.get(name="Contributor"))
        self.client.force_login(contributor)
        published = QAPairFactory(article=ArticleFactory())
        draft = QAPairFactory(article=ArticleFactory(draft=True))
        _, messages = self.act("qapair", "add_theme", [draft, published], post="yes", theme=self.space.pk)
        self.assertEqual(messages, ["Added “Space” to 1 Q&A pair. 1 you may not change was left alone."])

    def test_first_step_asks_which_theme(self):
        response, _ = self.act("fact", "add_theme", self.items["fact"])
        self.assertTemplateUsed(response, "admin/articles/change_theme.html")
        self.assertContains(response, "<h1>Add a theme to 3 facts</h1>", html=True)
        self.assertContains(response, f'<option value="{self.space.pk}">Space</option>', html=True)
        self.assertEqual(self.tagged("fact"), [True, True, False])

    def test_the_spanish_admin_names_themes_in_spanish(self):
        """Regression: the sidebar, the action's choice and its message said "Space" in the Spanish admin."""
        Theme.objects.filter(pk=self.space.pk).update(name_es="Espacio")
        first = self.items["fact"][0]
        url = admin_url("fact", "changelist")
        sidebar = self.client.get(url, HTTP_ACCEPT_LANGUAGE="es").context["cl"].filter_specs[0]
        self.assertIn((self.space.pk, "Espacio"), sidebar.lookup_choices)
        data = {"action": "remove_theme", "_selected_action": [str(first.pk)]}
        page = self.client.post(url, data, HTTP_ACCEPT_LANGUAGE="es")
        self.assertContains(page, f'<option value="{self.space.pk}">Espacio</option>', html=True)
        response = self.client.post(url, {**data, "post": "yes", "theme": self.space.pk}, HTTP_ACCEPT_LANGUAGE="es")
        self.assertEqual(
            [str(message) for message in get_messages(response.wsgi_request)], ["Se quitó «Espacio» de 1 dato."]
        )

    def test_the_spanish_admins_pages_and_messages_name_a_theme_in_spanish(self):
        """Regression: a theme's delete page, its history and its fact's history said "Space" in the Spanish admin."""
        Theme.objects.filter(pk=self.space.pk).update(name_es="Espacio")
        delete = self.client.get(admin_url("theme", "delete", self.space.pk), HTTP_ACCEPT_LANGUAGE="es")
        self.assertContains(delete, "«Espacio»")
        self.assertNotContains(delete, "Space")
        history = self.client.get(admin_url("theme", "history", self.space.pk), HTTP_ACCEPT_LANGUAGE="es")
        self.assertContains(history, "<h1>Histórico de modificaciones: Espacio</h1>", html=True)

    def test_cancel_goes_back_to_the_list_as_it_was_searched_and_filtered(self):
        """Regression: Cancel opened the whole list, its search and filters dropped."""
        query = f"?q=Companies&themes__id__exact={self.space.pk}"
        data = {"action": "add_theme", "_selected_action": [str(self.items["fact"][0].pk)]}
        response = self.client.post(admin_url("fact", "changelist") + query, data)
        self.assertContains(response, f'href="{admin_url("fact", "changelist")}{query.replace("&", "&amp;")}"')

    def test_actions_need_the_change_permission(self):
        viewer = UserFactory(is_staff=True)
        viewer.user_permissions.add(*Permission.objects.filter(codename__in=["view_qapair", "view_fact"]))
        self.client.force_login(viewer)
        for model in ["qapair", "fact"]:
            with self.subTest(model=model):
                self.assertNotIn("add_theme", self.offered_actions(model))
                self.act(model, "remove_theme", self.items[model], post="yes", theme=self.space.pk)
                self.assertEqual(self.tagged(model), [True, True, False])

    def test_actions_are_offered_on_pairs_and_facts_only(self):
        self.assertIn("add_theme", self.offered_actions("qapair"))
        self.assertIn("remove_theme", self.offered_actions("fact"))
        self.assertNotIn("add_theme", self.offered_actions("article"))
        self.assertNotIn("add_theme", self.offered_actions("theme"))


class LookalikeThemeTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.cooperation = ThemeFactory(name="Cooperación")
        cls.fta = ThemeFactory(name="Trade and the FTA")
        cls.fact = FactFactory()

    def post_fact(self, themes):
        return self.client.post(admin_url("fact", "change", self.fact.pk), fact_data(self.fact, themes=themes))

    def test_names_compare_without_case_accents_punctuation_or_spaces(self):
        self.assertEqual(name_key("  Trade and the F.T.A. "), name_key("trade and the fta"))
        self.assertEqual(name_key("Diplomacía"), "diplomacia")
        self.assertNotEqual(name_key("Trade"), name_key("Trade and the FTA"))
        # Regression: a hyphen between two words compared as no space at all, a space as one.
        self.assertEqual(name_key("Trade and free-trade"), name_key("Trade and free trade"))
        self.assertEqual(name_key("Near shoring"), name_key("nearshoring"))

    def test_fact_themes_field_refuses_a_lookalike_of_an_existing_theme(self):
        cases = [
            ("Cooperacion", "Cooperacion", "Cooperación"),
            ('"trade  and the FTA"', "trade  and the FTA", "Trade and the FTA"),
            ('"Trade and the F.T.A.", Space', "Trade and the F.T.A.", "Trade and the FTA"),
        ]
        for typed, lookalike, existing in cases:
            with self.subTest(typed=typed):
                errors = self.assertRefused(self.post_fact(typed))
                self.assertEqual(errors["themes"], [LOOKALIKE % (lookalike, existing)])
        self.assertEqual(Theme.objects.count(), 2)
        self.assertEqual(names(self.fact), [])

    def test_fact_themes_field_maps_a_name_differing_only_by_case_to_the_theme(self):
        self.assertSaved(self.post_fact("cooperación, trade and the fta,"))
        self.assertQuerySetEqual(self.fact.themes.order_by("name"), [self.cooperation, self.fta])
        self.assertEqual(Theme.objects.count(), 2)

    def test_fact_themes_field_takes_a_themes_spanish_or_korean_name_as_the_theme(self):
        """Regression: "에너지", the theme's own Korean name, was refused as looking like "Energy"."""
        energy = ThemeFactory(name="Energy", name_es="Energía", name_ko="에너지")
        for typed in ["에너지, Cooperación", "energía, Cooperación", "Energy, cooperación"]:
            with self.subTest(typed):
                self.assertSaved(self.post_fact(typed))
                self.assertQuerySetEqual(self.fact.themes.order_by("name"), [self.cooperation, energy])
        self.assertEqual(Theme.objects.count(), 3)
        # A lookalike of a Spanish name is still refused: it is neither the theme's name nor a new one.
        errors = self.assertRefused(self.post_fact("Energia"))
        self.assertEqual(errors["themes"], [LOOKALIKE % ("Energia", "Energy")])

    def test_unrelated_new_theme_name_is_accepted(self):
        self.assertSaved(self.post_fact("Space"))
        self.assertEqual(names(self.fact), ["Space"])

    def test_theme_add_form_refuses_a_lookalike(self):
        data = {"name": "Co-operación", "slug": "co-operacion", "description": ""}
        errors = self.assertRefused(self.client.post(admin_url("theme", "add"), data))
        self.assertEqual(errors["name"], [LOOKALIKE % ("Co-operación", "Cooperación")])
        self.assertFalse(Theme.objects.filter(slug="co-operacion").exists())

    def test_theme_form_refuses_a_name_that_theme_lists_would_change(self):
        """Regression: "Trade, FTA" was accepted, and saving a fact tagged with it tagged it "Trade" and "FTA"."""
        for name in ["Trade, FTA", '"Hallyu"', 'Say "annyeong"']:
            with self.subTest(name=name):
                data = {"name": name, "slug": "unlistable", "description": ""}
                errors = self.assertRefused(self.client.post(admin_url("theme", "add"), data))
                self.assertEqual(errors["name"], [UNLISTABLE])
        data = {"name": 'The "K-wave" in Mexico', "slug": "k-wave", "description": ""}
        self.assertSaved(self.client.post(admin_url("theme", "add"), data))
        self.assertEqual(parse_theme_names(Theme.objects.get(slug="k-wave").name), ['The "K-wave" in Mexico'])

    def test_theme_change_form_accepts_the_themes_own_name(self):
        data = {
            "name": "Cooperación",
            "slug": self.cooperation.slug,
            "description": "Joint projects.",
            "loaded_state": record_state(self.cooperation),
        }
        self.assertSaved(self.client.post(admin_url("theme", "change", self.cooperation.pk), data))


class EditorPermissionTests(TestCase):
    def test_editors_may_manage_theme_redirects_and_merges(self):
        codenames = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
        for model in ["themeredirect", "thememerge"]:
            for action in ["view", "add", "change", "delete"]:
                self.assertIn(f"{action}_{model}", codenames)


class ThemeNameParsingTests(TestCase):
    def test_names_split_at_commas_only_and_lose_surrounding_quotes(self):
        self.assertEqual(
            parse_theme_names('Trade and the FTA, "Digital government" ,, Diplomacy'),
            ["Digital government", "Diplomacy", "Trade and the FTA"],
        )

    def test_a_name_with_spaces_typed_alone_in_the_admin_is_one_theme(self):
        """Regression: taggit's default parser made four themes of "Trade and the FTA"."""
        fact = FactFactory()
        self.client.force_login(UserFactory(editor=True))
        response = self.client.post(admin_url("fact", "change", fact.pk), fact_data(fact, themes="Trade and the FTA"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual([theme.name for theme in fact.themes.all()], ["Trade and the FTA"])
        self.assertEqual(Theme.objects.count(), 1)
