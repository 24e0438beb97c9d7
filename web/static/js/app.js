// msdecide: progressive enhancement only; every page works without JavaScript.
// Loaded as a module file (the CSP allows no inline script).
import { initAll } from "../vendor/nhsuk-frontend/nhsuk-frontend.min.js";

// What the inline snippet of nhsuk-frontend's template.njk does, from a file.
document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
// NHS.UK components: the error summary takes focus on page load, radios, checkboxes, skip link.
initAll();

// Printing. The browser's own print gives the summary handout (print.css); "Print full report"
// adds every option's reasons, cautions and evidence, with the collapsed sections opened.
let reopen = [];
function printReport(full) {
  document.body.classList.toggle("msd-print-full", full);
  if (full) {
    reopen = [...document.querySelectorAll("details:not([open])")];
    reopen.forEach((d) => { d.open = true; });
  }
  window.print();
}
window.addEventListener("afterprint", () => {
  reopen.forEach((d) => { d.open = false; });
  reopen = [];
  document.body.classList.remove("msd-print-full");
});
for (const button of document.querySelectorAll("[data-msd-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => printReport(button.dataset.msdPrint === "full"));
}

// A link to something inside a collapsed section (a summary line to its option card) opens it.
function revealTarget() {
  const target = location.hash && document.getElementById(location.hash.slice(1));
  for (let d = target && target.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
  if (target) target.scrollIntoView();
}
window.addEventListener("hashchange", revealTarget);
revealTarget();
