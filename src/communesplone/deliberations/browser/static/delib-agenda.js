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
