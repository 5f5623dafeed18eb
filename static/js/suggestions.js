// The "Select all" and "Select none" buttons of the Suggest facts page
// (templates/admin/articles/article/suggest_facts.html): tick or untick every suggestion's
// Accept box. Without JavaScript the buttons stay hidden and each box is ticked by hand.
"use strict";
(function () {
  const buttons = document.querySelector(".select-suggestions");
  if (!buttons) {
    return;
  }
  const boxes = document.querySelectorAll("fieldset.suggestion input[type=checkbox][name$='-accept']");
  buttons.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-select]");
    if (button) {
      const checked = button.dataset.select === "all";
      boxes.forEach(function (box) {
        box.checked = checked;
      });
    }
  });
  buttons.hidden = false;
})();
