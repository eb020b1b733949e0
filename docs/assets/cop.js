// Matrix filters: choose offices by group (IP5, ASEAN, ...) or one by one.
// The choice lives in the URL (?group=ASEAN or ?offices=EP,SG) so a filtered view can be shared.
(function () {
  function setup(filter) {
    var table = document.querySelector("[data-cop-matrix]");
    if (!table) return;
    var boxes = Array.prototype.slice.call(filter.querySelectorAll("input[type=checkbox]"));
    var buttons = Array.prototype.slice.call(filter.querySelectorAll("button[data-group]"));
    var groupsOf = {};
    Array.prototype.forEach.call(table.querySelectorAll("thead th[data-office]"), function (th) {
      groupsOf[th.getAttribute("data-office")] = (th.getAttribute("data-groups") || "").split(" ");
    });

    function apply(shown, group) {
      boxes.forEach(function (box) { box.checked = shown.indexOf(box.value) >= 0; });
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-group") === group)); });
      Array.prototype.forEach.call(table.querySelectorAll("[data-office]"), function (el) {
        el.classList.toggle("cop-hidden", shown.indexOf(el.getAttribute("data-office")) < 0);
      });
    }

    function remember(params) {
      var url = new URL(window.location.href);
      ["group", "offices"].forEach(function (k) { url.searchParams.delete(k); });
      Object.keys(params).forEach(function (k) { if (params[k]) url.searchParams.set(k, params[k]); });
      window.history.replaceState(null, "", url.toString());
    }

    function byGroup(group) {
      return Object.keys(groupsOf).filter(function (code) { return !group || groupsOf[code].indexOf(group) >= 0; });
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var group = button.getAttribute("data-group");
        apply(byGroup(group), group);
        remember({ group: group });
      });
    });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var shown = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        apply(shown, null);
        remember({ offices: shown.join(",") });
      });
    });

    var params = new URLSearchParams(window.location.search);
    if (params.has("offices")) {
      apply(params.get("offices").split(",").filter(function (c) { return c in groupsOf; }), null);
    } else {
      var group = params.get("group") || "";
      apply(byGroup(group), group);
    }
  }

  function init() {
    // The theme's search dialog has no accessible name; screen readers announce this one.
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
    var filter = document.querySelector("[data-cop-filter]");
    if (filter) setup(filter);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
