// The main menu behind a "Menu" button on narrow screens. Without JavaScript the menu is always shown.
(function () {
  var knop = document.querySelector("[data-menuknop]");
  if (!knop) return;
  var menu = document.getElementById(knop.getAttribute("aria-controls"));
  var smal = window.matchMedia("(max-width: 48em)");
  function zet(open) {
    knop.setAttribute("aria-expanded", open ? "true" : "false");
    menu.hidden = smal.matches && !open;
  }
  knop.hidden = false;
  knop.addEventListener("click", function () { zet(knop.getAttribute("aria-expanded") !== "true"); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && knop.getAttribute("aria-expanded") === "true" && smal.matches) { zet(false); knop.focus(); }
  });
  smal.addEventListener("change", function () { zet(false); });
  zet(false);
})();
