/* Every faceted page of CommunesPlone (staff dashboards, the directory's search):
   what eea.facetednavigation and collective.eeafaceted.collectionwidget render
   falls short of WCAG 2.1 AA in two places, mended here once for all.

   - The sorting and results-per-page widgets have a <legend> but their <select>
     has no label (4.1.2, axe "select-name"): name it after its legend.
   - The collection widget puts its collections in a <ul> whose items are
     grouped in <div class="category"> (1.3.1, axe "list"): without the list
     semantics the collections are a set of links, which is what they are.
   - The checkbox, select and other widgets are each a <form> with no submit
     button (HTML_CodeSniffer H32.2; assistive technology announces a form it
     cannot submit): each gets an "Apply" button, shown when it has the focus;
     it applies nothing more than the change already did. */
(function () {
  "use strict";
  var script = document.currentScript;
  var applyText = (script && script.getAttribute("data-apply")) || "Apply";
  function addSubmitButtons(root) {
    root.querySelectorAll(".faceted-widget form").forEach(function (form) {
      if (form.querySelector("[type=submit]")) {
        return;
      }
      var button = document.createElement("button");
      button.type = "submit";
      button.className = "btn btn-secondary btn-sm visually-hidden-focusable faceted-apply";
      button.textContent = applyText;
      form.appendChild(button);
      form.addEventListener("submit", function (event) {
        // the widget's own change handler has already run the query
        event.preventDefault();
      });
    });
  }
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
    addSubmitButtons(document);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mend);
  } else {
    mend();
  }
}());
