/* The directory's faceted listing: name the selects of eea.facetednavigation's
   sorting and results-per-page widgets (they have a <legend>, no <label>: WCAG
   4.1.2, axe "select-name") with their widget's title. */
(function () {
  "use strict";
  function nameSelects() {
    document.querySelectorAll(".faceted-widget select:not([aria-label])").forEach(function (select) {
      if (select.id && document.querySelector('label[for="' + select.id + '"]')) {
        return;
      }
      var legend = select.closest("fieldset") && select.closest("fieldset").querySelector("legend");
      if (legend && legend.textContent.trim()) {
        select.setAttribute("aria-label", legend.textContent.trim());
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", nameSelects);
  } else {
    nameSelects();
  }
})();
