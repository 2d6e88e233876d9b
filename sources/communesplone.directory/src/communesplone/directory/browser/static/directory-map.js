/* The directory's map: Leaflet with OpenStreetMap tiles, markers clustered.

   On the directory's page, the markers come from its GeoJSON export with the
   list's filters (data-geojson). On the faceted listing (data-faceted), they
   come from @@faceted-geojson with the listing's current query, and are drawn
   again whenever the listing shows new results. Without JavaScript, or when Leaflet
   cannot load, the list stays the way in. */
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
  var clusterLabel = element.getAttribute("data-cluster") || "{count}";
  function clusterIcon(group) {
    // a cluster is a button: named by a hidden text, its bare count hidden from AT
    var count = group.getChildCount();
    var size = count < 10 ? "small" : (count < 100 ? "medium" : "large");
    var label = clusterLabel.replace("{count}", String(count));
    return new L.DivIcon({
      html: '<div><span aria-hidden="true">' + count + '</span><span class="visually-hidden">' +
        label.replace(/[<&"]/g, "") + "</span></div>",
      className: "marker-cluster marker-cluster-" + size,
      iconSize: new L.Point(40, 40)
    });
  }
  var cluster = typeof L.markerClusterGroup === "function" ?
    L.markerClusterGroup({ iconCreateFunction: clusterIcon }) : L.layerGroup();
  map.addLayer(cluster);
  var note = element.parentNode.querySelector(".directory-map-note");
  var latest = 0;

  function popup(feature) {
    var link = document.createElement("a");
    link.href = feature.properties.url;
    link.textContent = feature.properties.title;
    var box = document.createElement("div");
    box.appendChild(link);
    if (feature.properties.locality) {
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(feature.properties.locality));
    }
    return box;
  }

  function draw(data) {
    cluster.clearLayers();
    var layer = L.geoJSON(data, {
      filter: function (feature) { return feature.geometry !== null; },
      pointToLayer: function (feature, latlng) {
        return L.marker(latlng, { title: feature.properties.title, alt: feature.properties.title });
      },
      onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature)); }
    });
    cluster.addLayer(layer);
    if (layer.getLayers().length) {
      map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [20, 20] });
    }
    element.setAttribute("data-markers", String(layer.getLayers().length));
    var fallback = element.querySelector("p");
    if (fallback) { fallback.remove(); }
    if (note) {
      note.textContent = data.truncated ? element.getAttribute("data-truncated")
        .replace("{shown}", String(data.features.length)).replace("{total}", String(data.total)) : "";
    }
  }

  function load(url) {
    var mine = ++latest;
    fetch(url, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) { if (mine === latest) { draw(data); } })
      .catch(function () { /* the list stays */ });
  }

  function facetedUrl() {
    var query = {};
    if (window.Faceted && typeof window.Faceted.SortedQuery === "function") {
      query = window.Faceted.SortedQuery();
      delete query.b_start;
    }
    // the criteria as eea sends them to @@faceted_query: c2[]=a&c2[]=b
    var params = new URLSearchParams();
    Object.keys(query).forEach(function (key) {
      var value = query[key];
      if (Array.isArray(value)) {
        value.forEach(function (item) { params.append(key + "[]", item); });
      } else if (value !== undefined && value !== null) {
        params.append(key, value);
      }
    });
    var text = params.toString();
    return element.getAttribute("data-geojson") + (text ? "?" + text : "");
  }

  if (element.hasAttribute("data-faceted")) {
    // Redrawn whenever the listing shows new results. Watching the results rather
    // than eea's jQuery event: Plone's bundles may load eea's scripts after this
    // one, or with another jQuery than window.jQuery.
    var results = document.getElementById("faceted-results");
    var pending = null;
    if (results && typeof window.MutationObserver === "function") {
      new window.MutationObserver(function () {
        window.clearTimeout(pending);
        pending = window.setTimeout(function () { load(facetedUrl()); }, 150);
      }).observe(results, { childList: true, subtree: true });
    }
    load(facetedUrl());
  } else {
    load(element.getAttribute("data-geojson"));
  }
}());
