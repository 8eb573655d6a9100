// The entry form by the report's outline (rounds/report_edit.html): each part's count of what is
// filled and the overall progress follow the typing; the parts the officer opened stay open
// after a save; a figure whose check (htmx, rounds.views.report_check; offline, entry.js) found
// a problem is marked invalid and its part flagged. The form works without this script.
(function () {
  "use strict";
  const form = () => document.getElementById("report-form");
  if (!form()) return;
  const remembered = `tonghop-open-parts:${window.location.pathname}`;

  const filled = (entry) => {
    const field = entry.querySelector(".entry-inputs input, textarea");
    return Boolean(field && field.value.trim());
  };

  function recount() {
    for (const part of document.querySelectorAll("#entry-parts > .entry-part")) {
      const entries = [...part.querySelectorAll("[data-entry]")];
      const done = entries.filter(filled).length;
      const count = part.querySelector("[data-count]");
      count.querySelector(".filled").textContent = done;
      count.classList.toggle("complete", done === entries.length);
      const problems = [...part.querySelectorAll(".field-check")].some((note) => !note.hidden);
      part.classList.toggle("has-problem", problems);
    }
    const figures = [...document.querySelectorAll('[data-entry="figure"]')];
    const done = figures.filter(filled).length;
    document.getElementById("figures-filled").textContent = done;
    document.getElementById("entry-progress-bar").value = done;
  }

  function markChecked() {
    for (const note of document.querySelectorAll(".field-check")) {
      const input = form().elements[note.dataset.for];
      if (!input) continue;
      // Not "false": Pico marks such a field as checked and valid before anything is typed.
      if (note.hidden) input.removeAttribute("aria-invalid");
      else input.setAttribute("aria-invalid", "true");
    }
    recount();
  }

  function rememberOpen() {
    const open = [...document.querySelectorAll("#entry-parts > .entry-part[open]")].map((p) => p.id);
    sessionStorage.setItem(remembered, JSON.stringify(open));
  }

  function reopen() {
    const open = JSON.parse(sessionStorage.getItem(remembered) || "null");
    if (!open) return;
    for (const id of open) document.getElementById(id)?.setAttribute("open", "");
  }

  document.addEventListener("input", (event) => {
    if (form()?.contains(event.target)) recount();
  });
  document.addEventListener("toggle", (event) => {
    if (event.target.matches?.("#entry-parts > .entry-part")) rememberOpen();
  }, true);
  document.body.addEventListener("htmx:afterSettle", markChecked);
  // entry.js puts a draft kept on the device back into the form, or the server's answer to it.
  document.addEventListener("tonghop:form-restored", markChecked);

  reopen();
  markChecked();
})();
