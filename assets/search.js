/* factpress search: runs on the index the build ships as a script, so it
   works from file:// as well as from a server. */
(function () {
  "use strict";
  var data = window.FACTPRESS_SEARCH;
  var input = document.getElementById("search-input");
  var form = document.getElementById("search-form");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!data || !input || !list) return;
  var body = document.body;
  var root = body.getAttribute("data-root") || "";
  var offline = body.hasAttribute("data-offline");
  var terms = data.terms, postings = data.postings, docs = data.docs;
  var decoded = new Array(terms.length);
  var MAX_RESULTS = 50;

  // Words as the index has them (internal/search's Tokens): split at word
  // boundaries, lower case, combining marks dropped; Chinese and Japanese
  // in pairs of characters.
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "word" }) : null;
  var ideograph = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
  function fold(w) { return w.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC"); }
  function tokens(s) {
    var out = [], run = [], words = [];
    function flush() {
      if (run.length === 1) out.push(run[0]);
      for (var i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
      run = [];
    }
    if (segmenter) {
      for (var it = segmenter.segment(s)[Symbol.iterator](), n = it.next(); !n.done; n = it.next()) words.push(n.value.segment);
    } else {
      words = s.split(/([^\p{L}\p{N}\p{M}]+)/u);
    }
    words.forEach(function (w) {
      var chars = Array.from(w);
      if (chars.length && chars.every(function (c) { return ideograph.test(c); })) {
        run.push.apply(run, chars);
        return;
      }
      flush();
      if (/[\p{L}\p{N}]/u.test(w)) out.push(fold(w));
    });
    flush();
    return out;
  }

  function docsOf(t) {
    if (!decoded[t]) {
      var out = [], prev = 0, parts = postings[t].split(".");
      for (var i = 0; i < parts.length; i++) { prev += parseInt(parts[i], 36); out.push(prev); }
      decoded[t] = out;
    }
    return decoded[t];
  }

  function lowerBound(word) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < word) lo = mid + 1; else hi = mid; }
    return lo;
  }

  // At most one edit (insert, delete, substitute or swap two neighbours).
  function withinOne(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (i === la || i === lb) return Math.abs(la - lb) <= 1;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // Scores of the documents matching one query word: exact 3, prefix 2, typo 1.
  function match(word) {
    var scores = new Map();
    function add(t, s) {
      var ds = docsOf(t);
      for (var i = 0; i < ds.length; i++) { if ((scores.get(ds[i]) || 0) < s) scores.set(ds[i], s); }
    }
    for (var t = lowerBound(word); t < terms.length && terms[t].lastIndexOf(word, 0) === 0; t++) {
      add(t, terms[t] === word ? 3 : 2);
    }
    if (word.length >= 5) {
      for (var u = 0; u < terms.length; u++) {
        if (terms[u] !== word && withinOne(word, terms[u])) add(u, 1);
      }
    }
    return scores;
  }

  function search(q) {
    var words = tokens(q);
    if (!words.length) return null;
    var total = null;
    for (var w = 0; w < words.length; w++) {
      var m = match(words[w]);
      if (total === null) { total = m; continue; }
      var next = new Map();
      total.forEach(function (s, d) { if (m.has(d)) next.set(d, s + m.get(d)); });
      total = next;
    }
    var hits = [];
    total.forEach(function (s, d) { hits.push([d, s]); });
    hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return hits;
  }

  var lang = document.documentElement.lang || "en";
  // The page's words, from the site's translation tables.
  function word(name, n, q) {
    var text = status.getAttribute("data-" + name) || "";
    return text.replace("{n}", String(n)).replace("{q}", q);
  }
  var forms = {};
  try {
    JSON.parse(status.getAttribute("data-matches") || "[]").forEach(function (f) { forms[f.Category] = f.Text; });
  } catch (e) {}
  function matches(n, q) {
    var form = "other";
    try { form = new Intl.PluralRules(lang).select(n); } catch (e) {}
    return (forms[form] || forms.other || "{n}").replace("{n}", String(n)).replace("{q}", q);
  }

  function href(path) { return root + path + (offline ? "index.html" : ""); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function show(q) {
    var hits = search(q);
    list.textContent = "";
    if (hits === null) { status.textContent = ""; return; }
    status.textContent = hits.length === 0 ? word("none", 0, q) :
      matches(hits.length, q) + (hits.length > MAX_RESULTS ? word("first", MAX_RESULTS, q) : ".");
    hits.slice(0, MAX_RESULTS).forEach(function (h) {
      var d = docs[h[0]], v = data.verdicts[d.v];
      var li = el("li", "check-item"), art = el("article"), h3 = el("h3"), a = el("a", "", d.t);
      a.href = href(d.p);
      h3.appendChild(a);
      var meta = el("p", "meta"), badge = el("span", "badge");
      badge.style.setProperty("--verdict", v.c);
      var hidden = el("span", "visually-hidden", status.getAttribute("data-verdict") || "");
      badge.appendChild(hidden);
      badge.appendChild(document.createTextNode(v.l));
      var time = el("time", "", d.dt || d.d);
      time.setAttribute("datetime", d.d);
      meta.appendChild(badge);
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(time);
      art.appendChild(h3);
      art.appendChild(meta);
      li.appendChild(art);
      list.appendChild(li);
    });
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 80);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    show(input.value);
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (err) { /* file:// may refuse */ }
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; show(initial); }
  form.removeAttribute("hidden");
  var noscript = document.getElementById("search-nojs");
  if (noscript) noscript.remove();
  window.factpressSearch = search;
})();
