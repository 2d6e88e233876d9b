/* The location picker of an entry's forms: the map (rendered hidden under the
   form) moves next to the longitude field; a click or a moved marker fills in
   latitude and longitude (6 decimals, the form's decimal separator); typing in
   the fields moves the marker. The fields stay the way in. */
(function () {
  "use strict";
  var box = document.querySelector(".directory-location-picker");
  if (!box || typeof window.L === "undefined") {
    return;
  }
  var latitude = document.getElementById(box.getAttribute("data-latitude"));
  var longitude = document.getElementById(box.getAttribute("data-longitude"));
  if (!latitude || !longitude) {
    return;
  }
  var decimal = box.getAttribute("data-decimal") || ".";
  var field = longitude.closest(".field") || longitude.parentNode;
  field.parentNode.insertBefore(box, field.nextSibling);
  box.hidden = false;

  function read(input) {
    var value = parseFloat(String(input.value).trim().replace(",", "."));
    return isNaN(value) ? null : value;
  }
  function write(input, value) {
    input.value = value.toFixed(6).replace(".", decimal);
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function typed() {
    var lat = read(latitude), lon = read(longitude);
    if (lat === null || lon === null || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      return null;
    }
    return L.latLng(lat, lon);
  }

  var center = box.getAttribute("data-center").split(",").map(parseFloat);
  var element = box.querySelector(".directory-location-map");
  var map = L.map(element, { scrollWheelZoom: false });
  L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
  }).addTo(map);
  var marker = null;

  function place(latlng, fill) {
    if (marker === null) {
      marker = L.marker(latlng, { draggable: true, title: box.querySelector(".form-text").textContent,
                                  alt: element.getAttribute("aria-label") }).addTo(map);
      marker.on("dragend", function () { place(marker.getLatLng(), true); });
    } else {
      marker.setLatLng(latlng);
    }
    if (fill) {
      write(latitude, latlng.lat);
      write(longitude, latlng.lng);
    }
    element.setAttribute("data-placed", latlng.lat.toFixed(6) + "," + latlng.lng.toFixed(6));
  }

  var start = typed();
  if (start) {
    map.setView(start, 17);
    place(start, false);
  } else {
    map.setView(L.latLng(center[0], center[1]), parseInt(box.getAttribute("data-zoom"), 10) || 12);
  }
  map.on("click", function (event) { place(event.latlng, true); });
  [latitude, longitude].forEach(function (input) {
    input.addEventListener("input", function () {
      var latlng = typed();
      if (latlng) {
        place(latlng, false);
        map.panTo(latlng);
      }
    });
  });
  // the "Address" tab may be hidden when the map is drawn: draw again when it shows
  if (typeof window.ResizeObserver === "function") {
    new window.ResizeObserver(function () { map.invalidateSize(); }).observe(element);
  }
}());
