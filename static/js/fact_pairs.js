// The fact form offers the Q&A pairs of one article (articles/admin/facts.py), the one its pair
// select names in data-article. When the editor chooses another article, fetch the add page for
// that article and take its list of pairs, so that nothing typed in the form is lost.
//
// Django's related-object script fires a change event on every related select once the page is
// loaded (RelatedObjectLookups.js): the article is then still the one the list was made for, and
// the list, with the pair the page opened on, is left alone.
"use strict";
django.jQuery(function ($) {
  const pairs = document.getElementById("id_pair");
  $("#id_article").on("change", async function () {
    const article = this.value;
    if (!pairs || article === pairs.dataset.article) {
      return;
    }
    const url = new URL(window.location.href.replace(/[^/]+\/change\/(\?.*)?$/, "add/"));
    url.search = article ? new URLSearchParams({ article: article }).toString() : "";
    // Busy until the list is replaced or left alone: assistive technology (and the tests) wait for it.
    pairs.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const offered = page.getElementById("id_pair");
      // Another article may have been chosen while this one's pairs were on their way.
      if (!response.ok || !offered || this.value !== article) {
        return;
      }
      const chosen = pairs.value;
      pairs.replaceChildren(...Array.from(offered.options, (option) => new Option(option.text, option.value)));
      // Keep the pair chosen if the new list offers it, else choose none: never one the editor did not choose.
      pairs.value = chosen;
      if (pairs.selectedIndex < 0) {
        pairs.value = "";
      }
      pairs.dataset.article = article;
    } finally {
      if (this.value === article) {
        pairs.removeAttribute("aria-busy");
      }
    }
  });
});
