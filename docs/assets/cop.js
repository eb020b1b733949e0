// The site's one script of its own. It serves two things:
// - the matrix's choices (offices by group or one by one, topics, summaries shown, only where the
//   chosen offices differ), kept in the URL (?group=ASEAN, ?offices=EP,SG, ?topics=..., ?words=... (not ?q=, which opens the theme's search),
//   ?view=full, ?diff=EP,SG; codes in any case) so that a view can be shared and survives a reload;
// - the reader's own office, kept in this browser only (local storage), and put first in every grid
//   and table that lists offices (marked data-cop-pin).
// Without it every page still shows everything: the controls stay hidden, the grid shows all.
(function () {
  "use strict";
  var MINE = "cop.myOffice";

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function codes(value) {
    return (value || "").split(",").map(function (c) { return c.trim().toUpperCase(); }).filter(Boolean);
  }

  function myOffice() {
    try { return window.localStorage.getItem(MINE) || ""; } catch (e) { return ""; }
  }
  function setMyOffice(code) {
    try {
      if (code) window.localStorage.setItem(MINE, code); else window.localStorage.removeItem(MINE);
    } catch (e) { /* storage refused (private window): the choice lasts for this page only */ }
  }

  // Puts the reader's office first among the children that name an office, the others in the order
  // the page gave them (kept in data-cop-order so that a change of office restores it).
  function pinIn(parent, code) {
    var items = Array.prototype.filter.call(parent.children, function (el) { return el.hasAttribute("data-office"); });
    items.forEach(function (el, i) {
      if (!el.hasAttribute("data-cop-order")) el.setAttribute("data-cop-order", String(i));
      el.classList.toggle("cop-mine", el.getAttribute("data-office") === code);
    });
    items.sort(function (a, b) {
      var ma = a.getAttribute("data-office") === code ? 0 : 1, mb = b.getAttribute("data-office") === code ? 0 : 1;
      return ma - mb || Number(a.getAttribute("data-cop-order")) - Number(b.getAttribute("data-cop-order"));
    });
    items.forEach(function (el) { parent.appendChild(el); });
  }
  function pin(code) {
    all(document, "[data-cop-pin]").forEach(function (el) {
      var how = el.getAttribute("data-cop-pin");
      if (how === "columns") all(el, "tr").forEach(function (row) { pinIn(row, code); });
      else if (how === "rows") Array.prototype.forEach.call(el.tBodies, function (body) { pinIn(body, code); });
      else pinIn(el, code);
    });
    all(document, "[data-cop-mine]").forEach(function (select) { select.value = code; });
    all(document, "[data-cop-make-mine]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-cop-make-mine") === code));
    });
  }

  function setupMatrix(filter, table) {
    var officeBoxes = all(filter, "input[name=office]");
    var topicBoxes = all(filter, "input[name=topic]");
    var buttons = all(filter, "button[data-group]");
    var text = filter.querySelector("[data-cop-topic-text]");
    var full = filter.querySelector("[data-cop-full]");
    var diff = filter.querySelector("[data-cop-diff]");
    var state = filter.querySelector("[data-cop-state]");
    var groupsOf = {};
    all(table, "thead th[data-office]").forEach(function (th) {
      groupsOf[th.getAttribute("data-office")] = (th.getAttribute("data-groups") || "").toUpperCase().split(" ");
    });
    var known = Object.keys(groupsOf);
    var rows = all(table, "tbody tr[data-topic]");
    var topicIds = rows.map(function (r) { return r.getAttribute("data-topic"); });
    var wanted = { group: "", offices: known.slice(), topics: null, q: "", full: false, diff: false };

    function byGroup(group) {
      return known.filter(function (code) { return !group || groupsOf[code].indexOf(group.toUpperCase()) >= 0; });
    }
    function differs(row, shown) {
      var seen = {};
      all(row, "td[data-office]").forEach(function (td) {
        var p = td.getAttribute("data-position");
        if (p && shown.indexOf(td.getAttribute("data-office")) >= 0) seen[p] = true;
      });
      return Object.keys(seen).length > 1;
    }
    function topicMatches(row) {
      if (wanted.topics && wanted.topics.indexOf(row.getAttribute("data-topic")) < 0) return false;
      if (!wanted.q) return true;
      var link = row.querySelector("th a");
      var words = (link.textContent + " " + (link.getAttribute("title") || "")).toLowerCase();
      return words.indexOf(wanted.q.toLowerCase()) >= 0;
    }

    function show() {
      var shown = wanted.offices;
      officeBoxes.forEach(function (box) { box.checked = shown.indexOf(box.value) >= 0; });
      topicBoxes.forEach(function (box) { box.checked = !wanted.topics || wanted.topics.indexOf(box.value) >= 0; });
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(!wanted.diff && b.getAttribute("data-group").toUpperCase() === wanted.group.toUpperCase() &&
                                              shown.join() === byGroup(wanted.group).join()));
      });
      if (text.value !== wanted.q) text.value = wanted.q;
      full.checked = wanted.full || wanted.diff;
      full.disabled = wanted.diff;
      diff.checked = wanted.diff;
      all(table, "[data-office]").forEach(function (el) {
        el.classList.toggle("cop-hidden", shown.indexOf(el.getAttribute("data-office")) < 0);
      });
      var listed = 0;
      rows.forEach(function (row) {
        var on = topicMatches(row) && (!wanted.diff || differs(row, shown));
        row.classList.toggle("cop-hidden", !on);
        if (on) listed += 1;
      });
      table.classList.toggle("cop-full", wanted.full || wanted.diff);
      var message = "";
      if (!shown.length) message = "No office chosen: choose at least one office above, or All offices.";
      else if (wanted.diff && shown.length < 2) message = "Choose at least two offices to see where they differ.";
      else if (wanted.diff) {
        message = listed ? listed + (listed === 1 ? " topic on which " : " topics on which ") + shown.join(", ") +
          " take different positions (a topic on which one of them has no entry yet is shown only if the others differ)."
          : "No topic on which " + shown.join(", ") + " take different positions" + (wanted.topics || wanted.q ? " among the topics chosen." : ".");
      } else if (!listed) message = "No topic matches the topics chosen: clear the topic filter to see them all.";
      state.textContent = message;
      table.classList.toggle("cop-hidden", !shown.length || !listed);
    }

    function remember() {
      var url = new URL(window.location.href);
      ["group", "offices", "topics", "words", "view", "diff"].forEach(function (k) { url.searchParams.delete(k); });
      if (wanted.diff) url.searchParams.set("diff", wanted.offices.join(","));
      else if (wanted.group && wanted.offices.join() === byGroup(wanted.group).join()) url.searchParams.set("group", wanted.group);
      else if (wanted.offices.join() !== known.join()) url.searchParams.set("offices", wanted.offices.join(","));
      if (wanted.topics) url.searchParams.set("topics", wanted.topics.join(","));
      if (wanted.q) url.searchParams.set("words", wanted.q);
      if (wanted.full && !wanted.diff) url.searchParams.set("view", "full");
      window.history.replaceState(null, "", url.toString());
    }
    function change() { show(); remember(); }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        wanted.group = button.getAttribute("data-group");
        wanted.offices = byGroup(wanted.group);
        wanted.diff = false;
        change();
      });
    });
    officeBoxes.forEach(function (box) {
      box.addEventListener("change", function () {
        wanted.offices = officeBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        wanted.group = "";
        change();
      });
    });
    topicBoxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var chosen = topicBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        wanted.topics = chosen.length === topicIds.length ? null : chosen;
        change();
      });
    });
    filter.querySelector("[data-cop-all-topics]").addEventListener("click", function () { wanted.topics = null; change(); });
    text.addEventListener("input", function () { wanted.q = text.value.trim(); change(); });
    full.addEventListener("change", function () { wanted.full = full.checked; change(); });
    diff.addEventListener("change", function () { wanted.diff = diff.checked; wanted.group = ""; change(); });

    var params = new URLSearchParams(window.location.search);
    function inOrder(list) { return known.filter(function (code) { return list.indexOf(code) >= 0; }); }
    if (params.has("diff")) {
      wanted.diff = true;
      wanted.offices = inOrder(codes(params.get("diff")));
    } else if (params.has("offices")) {
      wanted.offices = inOrder(codes(params.get("offices")));
    } else if (params.has("group")) {
      var group = params.get("group");
      var named = Object.keys(groupsOf).some(function (c) { return groupsOf[c].indexOf(group.toUpperCase()) >= 0; });
      wanted.group = named ? group : "";
      wanted.offices = byGroup(wanted.group);
    }
    if (params.has("topics")) {
      var ids = params.get("topics").toLowerCase().split(",");
      wanted.topics = topicIds.filter(function (id) { return ids.indexOf(id) >= 0; });
    }
    wanted.q = (params.get("words") || "").trim();
    wanted.full = params.get("view") === "full";
    filter.hidden = false;
    show();
  }

  // A table wider than the page scrolls in the theme's wrapper; a keyboard reaches it only if it
  // can take the focus (the theme wraps tables when its own script has run, hence the later calls).
  function reachable() {
    all(document, ".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table (scrolls sideways)");
      }
    });
  }

  function init() {
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { setTimeout(reachable, 0); });
    window.addEventListener("load", reachable);

    // The theme's search dialog has no accessible name; screen readers announce this one.
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
    var filter = document.querySelector("[data-cop-filter]");
    var table = document.querySelector("[data-cop-matrix]");
    if (filter && table) setupMatrix(filter, table);
    all(document, "[data-cop-mine]").forEach(function (select) {
      select.addEventListener("change", function () { setMyOffice(select.value); pin(select.value); });
    });
    all(document, "[data-cop-make-mine]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var code = button.getAttribute("aria-pressed") === "true" ? "" : button.getAttribute("data-cop-make-mine");
        setMyOffice(code);
        pin(code);
      });
    });
    pin(myOffice());
  }
  // Material swaps pages in place only with navigation.instant, which this site leaves off: each page runs this once.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
