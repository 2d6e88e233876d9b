/* The directory's map: Leaflet with OpenStreetMap tiles, markers clustered,
   from the GeoJSON export (same filters as the list). Without JavaScript, or
   when Leaflet cannot load, the list above the map stays the way in. */
(function () {
  "use strict";
  var element = document.getElementById("directory-map");
  if (!element || typeof window.L === "undefined") {
    return;
  }
  var map = L.map(element, { scrollWheelZoom: false }).setView([50.5, 4.7], 9);
  L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
  }).addTo(map);
  var cluster = typeof L.markerClusterGroup === "function" ? L.markerClusterGroup() : L.layerGroup();
  fetch(element.getAttribute("data-geojson"), { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        filter: function (feature) { return feature.geometry !== null; },
        onEachFeature: function (feature, marker) {
          var link = document.createElement("a");
          link.href = feature.properties.url;
          link.textContent = feature.properties.title;
          var box = document.createElement("div");
          box.appendChild(link);
          if (feature.properties.locality) {
            box.appendChild(document.createElement("br"));
            box.appendChild(document.createTextNode(feature.properties.locality));
          }
          marker.bindPopup(box);
        }
      });
      cluster.addLayer(layer);
      map.addLayer(cluster);
      if (layer.getLayers().length) {
        map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [20, 20] });
      }
      var fallback = element.querySelector("p");
      if (fallback) { fallback.remove(); }
    })
    .catch(function () { /* the list stays */ });
}());
