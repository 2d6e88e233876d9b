/* The resource page: choosing a free slot fills the booking form in place.
 *
 * Without JavaScript each free slot is a link that reloads the page with the
 * form filled in (?date=&start_time=&end_time=); with it, the same click (or
 * Enter on the focused slot) fills the form without a reload, says what was
 * chosen and moves the focus there, so a keyboard or screen reader user
 * continues in the form.
 */
(function () {
  "use strict";

  function choose(select, value) {
    if (!select) { return; }
    var found = Array.prototype.some.call(select.options, function (option) {
      return option.value === value;
    });
    if (!found) { select.add(new Option(value, value)); }
    select.value = value;
  }

  function pick(link, form) {
    form.querySelector("#booking-date").value = link.dataset.date;
    choose(form.querySelector("#booking-start_time"), link.dataset.start);
    choose(form.querySelector("#booking-end_time"), link.dataset.end);
    var week = form.querySelector("#booking-week");
    if (week && link.dataset.week) { week.value = link.dataset.week; }
    document.querySelectorAll(".booking-week td.slot-chosen").forEach(function (cell) {
      cell.classList.remove("slot-chosen");
    });
    document.querySelectorAll(".booking-week a[aria-current]").forEach(function (other) {
      other.removeAttribute("aria-current");
    });
    link.parentNode.classList.add("slot-chosen");
    link.setAttribute("aria-current", "true");
    var status = document.getElementById("booking-choice");
    if (status) {
      var template = status.dataset.template || "";
      status.textContent = template.replace("${period}", link.dataset.hint);
      status.hidden = false;
      status.focus({preventScroll: true});
      status.scrollIntoView({block: "start", behavior: "smooth"});
    }
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", link.href.split("#")[0]);
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.slot-link") : null;
    var form = document.getElementById("booking-form");
    if (!link || !form || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    pick(link, form);
  });
}());
