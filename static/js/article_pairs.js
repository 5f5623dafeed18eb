// The article form (articles/admin/inlines.py). Number the new Q&A pair rows as the server will
// (a position left empty comes after the last one in use, in row order) and offer them, with their
// prompts, in the facts' pair selects, so that a fact can quote a pair added in the same save.
// Move to another page of pairs without saving when nothing on this one changed.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  const form = document.getElementById("article_form");
  if (!form) {
    return;
  }
  const NEW_PAIR = "new-";
  const pairs = document.getElementById("pairs-group");
  const field = (row, name) => row.querySelector(`[name$="-${name}"]`);

  function positive(input) {
    const value = input ? input.value.trim() : "";
    return /^[0-9]+$/.test(value) && Number(value) > 0 ? Number(value) : null;
  }

  function typed(row) {
    const inputs = row.querySelectorAll("input:not([type=hidden]):not([type=checkbox]), textarea");
    return [...inputs].some((input) => input.value.trim());
  }

  // The pair rows this save keeps, each with its value in a fact's select and its number.
  function numberedRows() {
    const rows = [...pairs.querySelectorAll(".inline-related:not(.empty-form)")]
      .filter((row) => !(field(row, "DELETE") && field(row, "DELETE").checked))
      .map((row) => ({ row, saved: field(row, "id").value, number: positive(field(row, "position")) }))
      .filter((entry) => entry.saved || typed(entry.row));
    const after = pairs.querySelector("[data-numbered-after]");
    let last = Math.max(after ? Number(after.dataset.numberedAfter) : 0, ...rows.map((entry) => entry.number || 0));
    for (const entry of rows) {
      const position = field(entry.row, "position");
      position.placeholder = "";
      if (!entry.saved && !entry.number) {
        entry.number = ++last;
        position.placeholder = String(entry.number);
      }
      entry.value = entry.saved || NEW_PAIR + entry.number;
      const prompt = Array.from(field(entry.row, "prompt").value.trim()).slice(0, 80).join("");
      entry.label = `${entry.number || "?"}. ${prompt}`;
    }
    return rows;
  }

  // Offer the kept rows in every fact's select, each select keeping the row it had chosen.
  function refresh() {
    const rows = numberedRows();
    const byValue = new Map(rows.map((entry) => [entry.value, entry.row]));
    for (const select of document.querySelectorAll('#facts-group select[name$="-pair"]')) {
      const chosen = select.selectedOptions[0];
      const row = chosen && (chosen.row || byValue.get(chosen.value));
      // A pair marked for deletion, or a value the page was posted with that no row stands for
      // now: keep it chosen, for the server to judge, and for the choice to hold if the box is unticked.
      const deleting = row && field(row, "DELETE") && field(row, "DELETE").checked;
      const stale = chosen && chosen.value && !chosen.row && !byValue.has(chosen.value);
      const unknown = deleting || stale ? [chosen] : [];
      const options = rows.map((entry) => {
        const option = new Option(entry.label, entry.value, false, entry.row === row);
        option.row = entry.row;
        return option;
      });
      const intro = select.options[0];
      select.replaceChildren(intro, ...options, ...unknown);
      (options.find((option) => option.selected) || unknown[0] || intro).selected = true;
    }
  }

  // Rows a user may only view have no fields: their pairs keep the labels the server gave them.
  if (pairs && pairs.querySelector('[name$="-position"]')) {
    pairs.addEventListener("input", refresh);
    pairs.addEventListener("change", refresh);
    document.addEventListener("formset:added", refresh);
    document.addEventListener("formset:removed", refresh);
    refresh();
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
