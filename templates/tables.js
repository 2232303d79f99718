// Filter and sort for the site's activity tables, as progressive enhancement: without
// JavaScript every table is the plain, complete table the page was rendered with. With it,
// each activity table with more than a few rows gets a filter (status, owner, year of the end
// date) and sort buttons in its column headers; a live region says how many rows are shown.
// Reads only the table's own cells (textContent), writes only text nodes and attributes; no
// requests, no dependencies.
(function () {
  "use strict";
  var WORDS = {
    sv: {
      filter: "Filtrera aktiviteterna", status: "Status", owner: "Ansvarig", year: "Slutår", all: "Alla",
      showing: "Visar {n} av {total} aktiviteter.", page: "Filtret och sorteringen gäller raderna på den här sidan.",
      sort: "Sortera efter {col}", none: "inget slutdatum"
    },
    en: {
      filter: "Filter the activities", status: "Status", owner: "Owner", year: "End year", all: "All",
      showing: "Showing {n} of {total} activities.", page: "The filter and the sorting apply to the rows on this page.",
      sort: "Sort by {col}", none: "no end date"
    }
  };
  var MIN_ROWS = 6;
  var lang = (document.documentElement.getAttribute("lang") || "sv").slice(0, 2) === "en" ? "en" : "sv";
  var w = WORDS[lang];
  var collator = new Intl.Collator(lang === "en" ? "en" : "sv", { numeric: true, sensitivity: "base" });

  function text(el) { return (el && el.textContent || "").replace(/\s+/g, " ").trim(); }

  // What a cell says to everyone: its text without the parts hidden from screen readers
  // (a status's symbol), so the filter's options read as the words.
  function said(el) {
    if (!el) { return ""; }
    var copy = el.cloneNode(true);
    var hidden = copy.querySelectorAll("[aria-hidden=\"true\"]");
    for (var i = 0; i < hidden.length; i++) { hidden[i].parentNode.removeChild(hidden[i]); }
    return text(copy);
  }

  // An owner is the organisation its link leads to: two with the same name stay apart.
  function ownerOf(el) {
    var a = el && el.querySelector("a[href]");
    return a ? a.getAttribute("href") : said(el);
  }

  function headers(table) {
    return table.tHead && table.tHead.rows.length ? table.tHead.rows[0].cells : [];
  }

  function column(table, name) {
    var heads = headers(table);
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].getAttribute("data-col") === name) { return i; }
    }
    return -1;
  }

  // values: [value, label] pairs.
  function select(id, label, values) {
    var wrap = document.createElement("div");
    var l = document.createElement("label");
    l.setAttribute("for", id);
    l.textContent = label;
    var s = document.createElement("select");
    s.id = id;
    var all = document.createElement("option");
    all.value = "";
    all.textContent = w.all;
    s.appendChild(all);
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v[0];
      o.textContent = v[1];
      s.appendChild(o);
    });
    wrap.appendChild(l);
    wrap.appendChild(s);
    return { wrap: wrap, select: s };
  }

  // The distinct values of column i as [value, label] pairs, by label; empty cells left out.
  function distinct(rows, i, of, label) {
    var seen = {}, out = [];
    rows.forEach(function (r) {
      var v = of(r.cells[i]);
      if (v && !Object.prototype.hasOwnProperty.call(seen, v)) { seen[v] = true; out.push([v, label(r.cells[i])]); }
    });
    return out.sort(function (a, b) { return collator.compare(a[1], b[1]); });
  }

  function yearOf(cell) {
    var m = /\b(\d{4})-\d{2}-\d{2}\b/.exec(text(cell));
    return m ? m[1] : w.none;
  }

  function enhance(table, n) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var rows = Array.prototype.slice.call(body.rows);
    if (rows.length < MIN_ROWS) { return; }
    var cols = { status: column(table, "status"), owner: column(table, "owner"), end: column(table, "end") };
    var form = document.createElement("form");
    form.className = "table-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", w.filter + ": " + text(table.caption));
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var filters = [];
    // Ids start with "_", which no plan id can (docs/FORMAT.md), so they never clash.
    var id = "_filter-" + n + "-";
    if (cols.status >= 0) { filters.push([select(id + "status", w.status, distinct(rows, cols.status, said, said)), cols.status, said]); }
    if (cols.owner >= 0) { filters.push([select(id + "owner", w.owner, distinct(rows, cols.owner, ownerOf, said)), cols.owner, ownerOf]); }
    if (cols.end >= 0) { filters.push([select(id + "year", w.year, distinct(rows, cols.end, yearOf, yearOf)), cols.end, yearOf]); }
    filters.forEach(function (f) { form.appendChild(f[0].wrap); });
    var status = document.createElement("p");
    status.className = "table-filter-status";
    status.setAttribute("role", "status");
    form.appendChild(status);
    if (document.querySelector(".pager")) {
      var note = document.createElement("p");
      note.className = "meta";
      note.textContent = w.page;
      form.appendChild(note);
    }
    function apply() {
      var shown = 0;
      rows.forEach(function (r) {
        var keep = filters.every(function (f) {
          var want = f[0].select.value;
          return !want || f[2](r.cells[f[1]]) === want;
        });
        r.hidden = !keep;
        if (keep) { shown++; }
      });
      status.textContent = w.showing.replace("{n}", shown).replace("{total}", rows.length);
    }
    filters.forEach(function (f) { f[0].select.addEventListener("change", apply); });
    // The count is written before the form is on the page, so it is not announced on load.
    apply();
    var wrap = table.closest(".table-wrap") || table;
    wrap.parentNode.insertBefore(form, wrap);

    var heads = Array.prototype.slice.call(headers(table));
    heads.forEach(function (th, i) {
      var name = text(th);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = name;
      button.setAttribute("aria-label", w.sort.replace("{col}", name));
      while (th.firstChild) { th.removeChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var sorted = rows.slice().sort(function (a, b) {
          var c = collator.compare(said(a.cells[i]), said(b.cells[i]));
          return ascending ? c : -c;
        });
        sorted.forEach(function (r) { body.appendChild(r); });
        rows = sorted;
      });
    });
  }

  var tables = document.querySelectorAll("table.activity-table");
  for (var i = 0; i < tables.length; i++) {
    // One odd table (an overriding template's) must not keep the others from their filter.
    try { enhance(tables[i], i + 1); } catch (e) { /* left as it was rendered */ }
  }
})();
