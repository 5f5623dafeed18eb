// The article form (articles/admin/inlines.py): move to another page of pairs without saving when
// nothing on this one changed.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  const form = document.getElementById("article_form");
  if (!form) {
    return;
  }
  const snapshot = () => new URLSearchParams(new FormData(form)).toString();
  const loaded = snapshot();
  form.addEventListener("click", function (event) {
    const button = event.target.closest("button[name=_page]");
    if (button && snapshot() === loaded) {
      event.preventDefault();
      window.location.assign(button.dataset.href);
    }
  });
});
