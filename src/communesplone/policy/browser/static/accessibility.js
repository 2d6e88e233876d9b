/* CommunesPlone: WCAG 2.1 AA fixes of Plone 6.2's Classic UI markup.
   1. The toolbar's pin/unpin links of Plone 6.2 have no href, so
   they are neither links nor buttons for assistive technologies (axe:
   aria-prohibited-attr) and cannot be reached with the keyboard. Make them
   buttons that Enter and Space activate.
   2. plone.formwidget.namedfile's file input (e.g. the portrait on
   @@personal-information) has an id of its own that no label names (axe:
   label): name it by the field's label. */
(function () {
  "use strict";
  function labelFileInputs() {
    document.querySelectorAll('input[type="file"][id$="-input"]').forEach(function (input) {
      if (input.labels && input.labels.length) {
        return;
      }
      var label = document.querySelector('label[for="' + input.id.slice(0, -6) + '"]');
      if (!label) {
        return;
      }
      if (!label.id) {
        label.id = input.id + "-label";
      }
      input.setAttribute("aria-labelledby", label.id);
    });
  }
  function fix() {
    labelFileInputs();
    document.querySelectorAll("#edit-zone .toolbar-collapse, #edit-zone .toolbar-expand")
      .forEach(function (link) {
        if (link.hasAttribute("href") || link.getAttribute("role") === "button") {
          return;
        }
        link.setAttribute("role", "button");
        link.setAttribute("tabindex", "0");
        link.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            link.click();
          }
        });
      });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
})();
