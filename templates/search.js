// The site's search: stems the query like the Rust index writer (src/render/search.rs,
// Snowball Swedish), folds å/ä/ö/é, loads only the shards it needs from sok/ and shows
// at most 50 results, title hits first. No dependencies, no external requests.
(function () {
  "use strict";
  var VOWELS = "aeiouyäåö";
  var STEP1 = ["heterna", "hetens", "anden", "andes", "andet", "arens", "arnas", "ernas", "heten", "heter", "ornas",
    "ades", "ande", "aren", "arna", "arne", "aste", "erna", "erns", "orna", "ade", "are", "ast", "ens", "ern", "het",
    "ad", "ar", "as", "at", "en", "er", "es", "or", "a", "e"];
  var STOP = ["och", "att", "det", "som", "en", "ett", "i", "på", "av", "för", "med", "till", "den", "de", "är", "om",
    "har", "inte", "vi", "kan", "ska", "samt", "eller", "så", "vid", "från", "under", "genom", "the", "and", "of"];
  var MAX = 50;

  function fold(w) {
    return w.replace(/[åäàá]/g, "a").replace(/[öø]/g, "o").replace(/[éèê]/g, "e").replace(/ü/g, "u");
  }

  function stem(word) {
    var w = Array.from(word);
    var r1 = w.length;
    for (var i = 1; i < w.length; i++) {
      if (VOWELS.indexOf(w[i]) < 0 && VOWELS.indexOf(w[i - 1]) >= 0) { r1 = i + 1; break; }
    }
    if (r1 < 3) { r1 = 3; }
    function ends(s) { var c = Array.from(s); return w.length >= c.length && w.slice(w.length - c.length).join("") === s; }
    function inR1(n) { return w.length >= n && w.length - n >= r1; }
    var done = false;
    for (var j = 0; j < STEP1.length; j++) {
      var s = STEP1[j], n = Array.from(s).length;
      if (ends(s) && inR1(n)) { w = w.slice(0, w.length - n); done = true; break; }
    }
    if (!done && ends("s") && inR1(1) && w.length >= 2 && "bcdfghjklmnoprtvy".indexOf(w[w.length - 2]) >= 0) {
      w = w.slice(0, w.length - 1);
    }
    if (["dd", "gd", "nn", "dt", "gt", "kt", "tt"].some(ends) && inR1(2)) { w = w.slice(0, w.length - 1); }
    var s3 = ["lig", "els", "ig"].filter(function (x) { return ends(x) && inR1(x.length); })[0];
    if (s3) { w = w.slice(0, w.length - s3.length); }
    else if (ends("löst") && inR1(4)) { w = w.slice(0, w.length - 1); }
    else if (ends("fullt") && inR1(5)) { w = w.slice(0, w.length - 1); }
    return w.join("");
  }

  function words(q) {
    return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w && STOP.indexOf(w) < 0; });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { stem: stem, fold: fold, words: words };
    return;
  }

  var results = document.querySelector("[data-search-results]");
  var input = document.querySelector("[data-search-input]");
  if (!results || !input) { return; }
  var root = results.getAttribute("data-root") || "";
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-list");
  var cache = {};
  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + "sok/" + path).then(function (r) { return r.ok ? r.json() : null; });
    }
    return cache[path];
  }
  function key(term, len) {
    var k = Array.from(term).slice(0, len).map(function (c) { return /[a-z0-9]/.test(c) ? c : "_"; }).join("");
    return k || "_";
  }
  function undelta(ids) { var out = [], prev = 0; ids.forEach(function (d) { prev += d; out.push(prev); }); return out; }

  // The shards that can hold `term` (exact) or terms starting with it (prefix).
  function shardsFor(manifest, term, prefix) {
    var tl = Array.from(term).length;
    return manifest.shards.filter(function (k) {
      var dash = k.slice(-1) === "-";
      var base = dash ? k.slice(0, -1) : k;
      var len = Array.from(base).length;
      if (key(term, len) === base) { return !dash || tl <= len; }
      return prefix && tl < len && base.indexOf(key(term, tl)) === 0;
    });
  }

  // doc number -> score for one query word.
  function lookup(manifest, term, prefix) {
    var files = shardsFor(manifest, term, prefix).map(function (k) { return "t-" + k + ".json"; });
    return Promise.all(files.map(load)).then(function (shards) {
      var scores = {};
      shards.forEach(function (shard) {
        if (!shard) { return; }
        Object.keys(shard).forEach(function (t) {
          if (t === term || (prefix && t.indexOf(term) === 0)) {
            var exact = t === term ? 1 : 0;
            undelta(shard[t][0]).forEach(function (d) { scores[d] = Math.max(scores[d] || 0, 4 + exact); });
            undelta(shard[t][1]).forEach(function (d) { scores[d] = Math.max(scores[d] || 0, 1 + exact); });
          }
        });
      });
      return scores;
    });
  }

  var seq = 0;
  function run(q) {
    var mine = ++seq;
    var ws = words(q);
    if (!ws.length) { status.textContent = ""; list.innerHTML = ""; return; }
    load("index.json").then(function (manifest) {
      var terms = ws.map(function (w) { return fold(stem(w)); });
      var last = fold(ws[ws.length - 1]);
      return Promise.all(terms.map(function (t, i) {
        if (i < terms.length - 1) { return lookup(manifest, t, false); }
        // The last word as typed so far: its stem or any term starting with it.
        return Promise.all([lookup(manifest, t, false), lookup(manifest, last, last.length >= 2)]).then(function (two) {
          var m = two[0];
          Object.keys(two[1]).forEach(function (d) { m[d] = Math.max(m[d] || 0, two[1][d]); });
          return m;
        });
      })).then(function (per) {
        var total = {};
        Object.keys(per[0]).forEach(function (d) {
          var sum = 0;
          for (var i = 0; i < per.length; i++) { if (!(d in per[i])) { return; } sum += per[i][d]; }
          total[d] = sum;
        });
        var docs = Object.keys(total).map(Number).sort(function (a, b) { return total[b] - total[a] || a - b; });
        var shown = docs.slice(0, MAX);
        var chunks = {};
        shown.forEach(function (d) { chunks[Math.floor(d / manifest.chunk)] = true; });
        return Promise.all(Object.keys(chunks).map(function (c) { return load("d-" + c + ".json"); })).then(function () {
          return Promise.all(shown.map(function (d) {
            return load("d-" + Math.floor(d / manifest.chunk) + ".json").then(function (rows) { return rows[d % manifest.chunk]; });
          }));
        }).then(function (rows) {
          if (mine !== seq) { return; }
          show(docs.length, rows);
        });
      });
    }).catch(function () { status.textContent = results.getAttribute("data-label-none"); });
  }

  function show(count, rows) {
    list.innerHTML = "";
    rows.forEach(function (row) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + row[1];
      a.textContent = row[0];
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      var kind = results.getAttribute("data-kind-" + row[2]) || "";
      meta.textContent = " " + kind + (row[3] ? " · " + row[3] : "");
      li.appendChild(meta);
      list.appendChild(li);
    });
    if (!count) { status.textContent = results.getAttribute("data-label-none"); return; }
    var text = count + " " + results.getAttribute(count === 1 ? "data-label-count-one" : "data-label-count");
    if (count > rows.length) { text += ", " + rows.length + " " + results.getAttribute("data-label-shown"); }
    status.textContent = text + ".";
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 150);
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; run(q); }
})();
