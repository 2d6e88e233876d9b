/* The vote form: show only the part the chosen kind of vote reads (the member
   selects for a nominal vote, the counts otherwise), and fill every member's
   vote with "yes" in one click. Without JavaScript both parts stay shown and
   the server reads the one the kind of vote names. */
(function () {
  "use strict";
  var form = document.getElementById("delib-vote-form");
  if (!form) {
    return;
  }
  var parts = form.querySelectorAll("[data-vote-modes]");
  function show() {
    var checked = form.querySelector("input[name=mode]:checked");
    if (!checked) {
      return;
    }
    parts.forEach(function (part) {
      part.hidden = part.getAttribute("data-vote-modes").split(" ").indexOf(checked.value) < 0;
    });
  }
  form.querySelectorAll("input[name=mode]").forEach(function (radio) {
    radio.addEventListener("change", show);
  });
  show();
  var everyone = document.getElementById("delib-all-yes");
  if (everyone) {
    everyone.hidden = false;
    everyone.addEventListener("click", function () {
      form.querySelectorAll("#votes select").forEach(function (select) { select.value = "yes"; });
    });
  }
}());
