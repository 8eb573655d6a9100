// Recounts the line above the confirm button as the officer ticks or unticks figures.
// The server states the final count after confirming; a changed indicator choice is counted then.
// Figures on the review's other pages count as the server left them (the data-off-* lists).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("confirm-form");
  const summary = document.getElementById("change-summary");
  if (!form || !summary) return;
  const listed = (name) => new Set(summary.dataset[name].split(" ").filter(Boolean));
  const recount = () => {
    const changed = listed("offChanged");
    const included = listed("offIncluded");
    const kept = listed("offKept");
    for (const row of form.querySelectorAll("tr[data-target]")) {
      const box = row.querySelector("input[type=checkbox]");
      const target = row.dataset.target;
      if (row.dataset.kept === "1") kept.add(target);
      if (box && box.checked) {
        included.add(target);
        if (row.dataset.changes === "1") changed.add(target);
      }
    }
    const keptCount = [...kept].filter((target) => !included.has(target)).length;
    summary.querySelector("[data-count=changed]").textContent = changed.size;
    summary.querySelector("[data-count=kept]").textContent = keptCount;
    summary.querySelector("[data-part=kept]").hidden = keptCount === 0;
  };
  form.addEventListener("change", recount);
});
