/* Every faceted page of CommunesPlone (staff dashboards, the directory's search):
   what eea.facetednavigation and collective.eeafaceted.collectionwidget render
   falls short of WCAG 2.1 AA in two places, mended here once for all.

   - The sorting and results-per-page widgets have a <legend> but their <select>
     has no label (4.1.2, axe "select-name"): name it after its legend.
   - The collection widget puts its collections in a <ul> whose items are
     grouped in <div class="category"> (1.3.1, axe "list"): without the list
     semantics the collections are a set of links, which is what they are. */
(function () {
  "use strict";
  function nameSelects(root) {
    root.querySelectorAll(".faceted-widget select:not([aria-label])").forEach(function (select) {
      if (select.id && document.querySelector('label[for="' + select.id + '"]')) {
        return;
      }
      var fieldset = select.closest("fieldset");
      var legend = fieldset && fieldset.querySelector("legend");
      if (legend && legend.textContent.trim()) {
        select.setAttribute("aria-label", legend.textContent.trim());
      }
    });
  }
  function mendCollectionLists(root) {
    root.querySelectorAll("ul[data-advanced-criteria]").forEach(function (list) {
      var grouped = Array.prototype.some.call(list.children, function (child) {
        return child.nodeName !== "LI";
      });
      if (!grouped) {
        return;
      }
      list.setAttribute("role", "none");
      list.querySelectorAll("li").forEach(function (item) {
        if (item.closest("ul") === list) {
          item.setAttribute("role", "none");
        }
      });
    });
  }
  function mend() {
    nameSelects(document);
    mendCollectionLists(document);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mend);
  } else {
    mend();
  }
}());
