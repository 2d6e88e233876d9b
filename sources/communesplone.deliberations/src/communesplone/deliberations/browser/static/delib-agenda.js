/* The agenda builder's drag and drop: drop a row within its category, the new order is
   posted as the up/down buttons are (a page load), so the server keeps the one truth.
   Without JavaScript, or from the keyboard, the buttons do the same. */
(function () {
  "use strict";
  var dragged = null;
  function rows(list) { return Array.prototype.slice.call(list.querySelectorAll(".delib-builder-row")); }
  function post(list) {
    var token = document.querySelector("#delib-builder input[name=_authenticator]");
    var form = document.createElement("form");
    form.method = "post";
    form.action = list.getAttribute("data-action");
    [["_authenticator", token ? token.value : ""], ["action", "order"],
     ["order", rows(list).map(function (row) { return row.getAttribute("data-uid"); }).join(",")]]
      .forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = pair[0]; input.value = pair[1];
        form.appendChild(input);
      });
    document.body.appendChild(form);
    form.submit();
  }
  /* After "Monter" or "Descendre" the page reloads: the keyboard focus goes back to the
     button just used (or its neighbour when the item reached the end of its category). */
  var KEY = "delib-agenda-focus";
  document.querySelectorAll(".delib-row-actions button[value=up], .delib-row-actions button[value=down]")
    .forEach(function (button) {
      button.addEventListener("click", function () {
        var row = button.closest(".delib-builder-row");
        try { sessionStorage.setItem(KEY, row.id + " " + button.value); } catch (e) { /* private mode */ }
      });
    });
  try {
    var wanted = (sessionStorage.getItem(KEY) || "").split(" ");
    sessionStorage.removeItem(KEY);
    var row = wanted[0] ? document.getElementById(wanted[0]) : null;
    if (row) {
      var target = row.querySelector("button[value=" + wanted[1] + "]:not([disabled])") ||
        row.querySelector("button[value=up]:not([disabled]), button[value=down]:not([disabled])");
      /* after the page's own scripts, which would take the focus back */
      if (target) { window.addEventListener("load", function () {
        setTimeout(function () { target.focus(); }, 0);
      }); }
    }
  } catch (e) { /* no storage: the page starts at the moved row */ }
  document.querySelectorAll(".delib-builder-list").forEach(function (list) {
    list.addEventListener("dragstart", function (event) {
      dragged = event.target.closest(".delib-builder-row");
      if (!dragged) { return; }
      dragged.classList.add("delib-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.getAttribute("data-uid"));
    });
    list.addEventListener("dragover", function (event) {
      var over = event.target.closest(".delib-builder-row");
      if (!dragged || !over || over === dragged || over.parentNode !== dragged.parentNode) { return; }
      event.preventDefault();
      var box = over.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
    });
    list.addEventListener("drop", function (event) {
      if (!dragged || dragged.parentNode !== list) { return; }
      event.preventDefault();
      post(list);
    });
    list.addEventListener("dragend", function () {
      if (dragged) { dragged.classList.remove("delib-dragging"); }
      dragged = null;
    });
  });
}());
