/* The directory's faceted listing, laid out for people (see directory-search.css).

   On a wide screen: the filters on the left, the result list, the map beside it
   (sticky). On a phone: the results come first; the filters fold behind one button
   ("Filters (2 active)") and the map behind another ("Map"). The buttons are real
   buttons (aria-expanded), so the keyboard and screen readers fold and unfold them.
   Without JavaScript the faceted listing does not work at all: its page links to the
   directory's plain list, which does. */
(function () {
  "use strict";
  var form = document.getElementById("faceted-form");
  var section = document.querySelector(".directory-map-section");
  var toolbar = section && section.querySelector(".directory-toolbar");
  if (!form || !section || !toolbar) {
    return;
  }
  var row = form.querySelector(".row");
  var top = document.getElementById("top-area");
  var left = document.getElementById("left-area");
  var right = document.getElementById("right-area");
  var centerTop = document.getElementById("center-top-area");
  var rightColumn = document.getElementById("faceted-right-column");
  if (!row || !top || !left || !right) {
    return;
  }
  form.classList.add("directory-faceted");
  // sort and results per page above the list; the right column is the map's
  if (rightColumn && centerTop) {
    rightColumn.classList.add("directory-list-options");
    centerTop.insertBefore(rightColumn, centerTop.firstChild);
  }
  right.appendChild(section);
  toolbar.classList.add("col-12");
  top.parentNode.insertBefore(toolbar, top.nextSibling);
  toolbar.hidden = false;

  var filtersButton = toolbar.querySelector(".directory-filters-toggle");
  var mapButton = toolbar.querySelector(".directory-map-toggle");
  var active = toolbar.querySelector(".directory-filters-active");

  function toggle(button, area) {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    area.classList.toggle("is-open", open);
    if (open) {
      // Leaflet measures its box again on a window resize
      window.dispatchEvent(new Event("resize"));
    }
  }
  filtersButton.addEventListener("click", function () { toggle(filtersButton, left); });
  // at the end of the unfolded filters (phone): fold them and go to the results
  var done = section.querySelector(".directory-filters-done");
  if (done) {
    left.appendChild(done);
    done.hidden = false;
    done.addEventListener("click", function () {
      toggle(filtersButton, left);
      var target = document.getElementById("faceted-results");
      target.setAttribute("tabindex", "-1");
      target.focus();
      target.scrollIntoView();
    });
  }
  mapButton.addEventListener("click", function () { toggle(mapButton, right); });

  function countActive() {
    var count = left.querySelectorAll("input[type=checkbox]:checked").length;
    active.hidden = count === 0;
    active.textContent = count ? active.getAttribute("data-label").replace("{count}", String(count)) : "";
  }
  left.addEventListener("change", countActive);
  var results = document.getElementById("faceted-results");
  if (results && typeof window.MutationObserver === "function") {
    // eea sets the check boxes from the address (#c3=Namur) and on "reset"
    new window.MutationObserver(countActive).observe(results, { childList: true });
  }
  countActive();
}());
