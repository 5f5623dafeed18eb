// The fact form offers the Q&A pairs of one article (articles/admin/facts.py). When the editor
// chooses another article, fetch the add page for that article and take its list of pairs, so
// that nothing typed in the form is lost.
"use strict";
django.jQuery(function ($) {
  const pairs = document.getElementById("id_pair");
  $("#id_article").on("change", async function () {
    const url = new URL(window.location.href.replace(/[^/]+\/change\/(\?.*)?$/, "add/"));
    url.search = this.value ? new URLSearchParams({ article: this.value }).toString() : "";
    const response = await fetch(url, { credentials: "same-origin" });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const offered = page.getElementById("id_pair");
    if (response.ok && offered) {
      pairs.replaceChildren(...offered.options);
    }
  });
});
