/* factpress search: runs on the index the build ships as scripts, so it
   works from file:// as well as from a server. The main script names the
   parts: term shards, loaded for the words of a query, and chunks of
   documents, loaded for the results shown (internal/search's Scripts). */
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
  var MAX_RESULTS = 50;

  // The index's parts, by name, as their scripts hand them over.
  var parts = {}, waiting = {};
  window.factpressSearchPart = function (name, value) {
    if (name.charAt(0) === "t") value.decoded = new Array(value.terms.length);
    parts[name] = value;
    if (waiting[name]) waiting[name].resolve();
  };
  function load(name) {
    if (parts[name]) return Promise.resolve();
    if (!waiting[name]) {
      var w = waiting[name] = {};
      w.promise = new Promise(function (resolve, reject) {
        w.resolve = resolve;
        var s = document.createElement("script");
        s.src = root + data.parts[name];
        s.onerror = function () { delete waiting[name]; s.remove(); reject(new Error("cannot load " + s.src)); };
        document.head.appendChild(s);
      });
    }
    return waiting[name].promise;
  }
  function shardOf(word) { return "t" + (word.codePointAt(0) % data.shards); }
  function chunkOf(doc) { return "d" + Math.floor(doc / data.chunk); }
  function docAt(doc) { return parts[chunkOf(doc)][doc % data.chunk]; }

  // Words as the index has them (internal/search's Tokens): split at word
  // boundaries, cut where a letter meets a digit, at connectors and at a
  // stop after a letter (so covid19, covid-19 and covid 19 are covid and
  // 19, twitter.com twitter and com), lower case, combining
  // marks dropped; Chinese and Japanese in pairs of characters. Each word
  // keeps where it is in the text (s, e), for marking.
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "word" }) : null;
  var ideograph = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
  var stop = /^[.:\u2024\ufe13\ufe52\ufe55\uff0e\uff1a]$/u;
  var wordlike = /[\p{L}\p{N}]/u, letter = /\p{L}/u, digit = /\p{Nd}/u, mark = /\p{M}/u, connector = /\p{Pc}/u;
  function fold(w) {
    return w.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "").replace(/\u2019/g, "'").replace(/\u03c2/g, "\u03c3").normalize("NFC");
  }
  function pieces(w, at, out) {
    var start = 0, prev = 0, i = 0;
    function emit(end) {
      var p = w.slice(start, end);
      if (wordlike.test(p)) out.push({ t: fold(p), s: at + start, e: at + end });
    }
    for (var c of w) {
      var k = 0;
      if (connector.test(c) || prev === 1 && stop.test(c)) { emit(i); start = i + c.length; prev = 0; i += c.length; continue; }
      if (mark.test(c)) { i += c.length; continue; }
      if (letter.test(c)) k = 1; else if (digit.test(c)) k = 2;
      if (prev && k && k !== prev) { emit(i); start = i; }
      prev = k;
      i += c.length;
    }
    emit(w.length);
  }
  function words(s) {
    var out = [], run = [], segs = [];
    function flush() {
      if (run.length === 1) out.push({ t: run[0].c, s: run[0].s, e: run[0].s + run[0].c.length });
      for (var i = 0; i + 1 < run.length; i++) out.push({ t: run[i].c + run[i + 1].c, s: run[i].s, e: run[i + 1].s + run[i + 1].c.length });
      run = [];
    }
    if (segmenter) {
      for (var it = segmenter.segment(s)[Symbol.iterator](), n = it.next(); !n.done; n = it.next()) segs.push([n.value.segment, n.value.index]);
    } else {
      var at = 0;
      s.split(/([^\p{L}\p{N}\p{M}\p{Pc}]+)/u).forEach(function (w) { segs.push([w, at]); at += w.length; });
    }
    segs.forEach(function (sg) {
      var w = sg[0], chars = Array.from(w);
      if (chars.length && chars.every(function (c) { return ideograph.test(c); })) {
        var at = sg[1];
        chars.forEach(function (c) { run.push({ c: c, s: at }); at += c.length; });
        return;
      }
      flush();
      if (wordlike.test(w)) pieces(w, sg[1], out);
    });
    flush();
    return out;
  }
  function tokens(s) { return words(s).map(function (w) { return w.t; }); }

  // Posting lists (see internal/search's Index): numbers five bits to a
  // character, each twice the gap from the document before, plus 1 when
  // the term is only in the document's body.
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var digitOf = new Int8Array(128).fill(-1);
  for (var di = 0; di < DIGITS.length; di++) digitOf[DIGITS.charCodeAt(di)] = di;
  function docsOf(shard, t) {
    var decoded = shard.decoded;
    if (!decoded[t]) {
      var p = shard.postings[t], ds = [], bodyOnly = [], n = 0, prev = 0;
      for (var i = 0; i < p.length; i++) {
        var v = digitOf[p.charCodeAt(i) & 127];
        if (v < 0) break;
        n = n * 32 + (v & 31);
        if (v < 32) { prev += Math.floor(n / 2); ds.push(prev); bodyOnly.push(n % 2 === 1); n = 0; }
      }
      decoded[t] = [ds, bodyOnly];
    }
    return decoded[t];
  }

  function lowerBound(terms, word) {
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

  // A query word finds the words it is (exact), begins (prefix: not for a
  // lone letter or digit, which would find most of the archive) or is one
  // edit from (typo, for words of five or more, past their first
  // character: the shard of a word is chosen by it).
  function prefixes(word) { return Array.from(word).length > 1 || ideograph.test(word); }
  function kind(word, term) {
    if (term === word) return 3;
    if (prefixes(word) && term.lastIndexOf(word, 0) === 0) return 2;
    if (word.length >= 5 && term.codePointAt(0) === word.codePointAt(0) && withinOne(word, term)) return 1;
    return 0;
  }

  // Scores of the documents matching one query word: exact 3, prefix 2,
  // typo 1, plus 3 where the check's fields hold it rather than its body
  // alone, so that a match in the claim or the claimant ranks first.
  function match(word) {
    var scores = new Map(), shard = parts[shardOf(word)], terms = shard.terms;
    function add(t, s) {
      var d = docsOf(shard, t), ds = d[0], bodyOnly = d[1];
      for (var i = 0; i < ds.length; i++) {
        var v = bodyOnly[i] ? s : s + 3;
        if ((scores.get(ds[i]) || 0) < v) scores.set(ds[i], v);
      }
    }
    for (var t = lowerBound(terms, word); t < terms.length && terms[t].lastIndexOf(word, 0) === 0; t++) {
      if (terms[t] === word || prefixes(word)) add(t, terms[t] === word ? 3 : 2);
    }
    if (word.length >= 5) {
      for (var u = 0; u < terms.length; u++) {
        if (terms[u] !== word && kind(word, terms[u]) === 1) add(u, 1);
      }
    }
    return scores;
  }

  // search gives, once the shards of its words are loaded, the matching
  // documents, best first, as [document, score, the query words found only
  // in its body]; null for a query of no words.
  function search(q) {
    var qwords = tokens(q);
    if (!qwords.length) return Promise.resolve(null);
    return Promise.all(qwords.map(function (w) { return load(shardOf(w)); })).then(function () { return rank(qwords); });
  }
  function rank(qwords) {
    var total = null, each = [];
    for (var w = 0; w < qwords.length; w++) {
      var m = match(qwords[w]);
      each.push(m);
      if (total === null) { total = new Map(m); continue; }
      var next = new Map();
      total.forEach(function (s, d) { if (m.has(d)) next.set(d, s + m.get(d)); });
      total = next;
    }
    var hits = [];
    total.forEach(function (s, d) {
      hits.push([d, s, qwords.filter(function (_, i) { return each[i].get(d) <= 3; })]);
    });
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

  // marked appends text to parent with the words that the query words find
  // in <mark>, and tells whether there were any.
  function marked(parent, text, qwords) {
    var spans = [];
    words(text).forEach(function (w) {
      if (qwords.some(function (q) { return kind(q, w.t) > 0; })) {
        var last = spans[spans.length - 1];
        // Marks run on across what separates two marked words: "Lead Stories".
        if (last && (w.s <= last[1] || /^\s+$/.test(text.slice(last[1], w.s)))) last[1] = Math.max(last[1], w.e); else spans.push([w.s, w.e]);
      }
    });
    var at = 0;
    spans.forEach(function (sp) {
      if (sp[0] > at) parent.appendChild(document.createTextNode(text.slice(at, sp[0])));
      parent.appendChild(el("mark", "", text.slice(sp[0], sp[1])));
      at = sp[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
    return spans.length > 0;
  }

  // template appends a translated phrase whose {name} is filled by fill.
  function template(parent, text, fill) {
    var at = text.indexOf("{name}");
    if (at < 0) { parent.appendChild(document.createTextNode(text + " ")); fill(parent); return; }
    parent.appendChild(document.createTextNode(text.slice(0, at)));
    fill(parent);
    parent.appendChild(document.createTextNode(text.slice(at + 6)));
  }

  // why is a line naming the matches the result shows nowhere else: the
  // publishers or topics a query word found, or the words found only in
  // the check's text.
  function why(art, label, names, qwords) {
    var found = names.filter(function (n) { return words(n).some(function (w) { return qwords.some(function (q) { return kind(q, w.t) > 0; }); }); });
    if (!found.length) return;
    var p = el("p", "search-why");
    p.appendChild(el("span", "search-why-label", label));
    p.appendChild(document.createTextNode(" "));
    found.forEach(function (n, i) {
      if (i) p.appendChild(document.createTextNode(status.getAttribute("data-comma") || ", "));
      marked(p, n, qwords);
    });
    art.appendChild(p);
  }

  function result(h, q, qwords, typed) {
    var d = docAt(h[0]), v = data.verdicts[d.v], date = data.dates[d.d] || { d: "", t: "" };
    var li = el("li", "check-item search-result"), art = el("article"), h3 = el("h3"), a = el("a");
    a.href = href(d.p);
    marked(a, d.t, qwords);
    h3.appendChild(a);
    art.appendChild(h3);

    var meta = el("p", "meta"), badge = el("span", "badge");
    badge.style.setProperty("--verdict", v.c);
    badge.appendChild(el("span", "visually-hidden", status.getAttribute("data-verdict") || ""));
    badge.appendChild(document.createTextNode(v.l));
    var time = el("time", "", date.t || date.d);
    time.setAttribute("datetime", date.d);
    meta.appendChild(badge);
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(time);
    var claimant = d.w ? data.claimants[d.w] : "";
    if (claimant) {
      meta.appendChild(document.createTextNode(" · "));
      template(meta, status.getAttribute("data-claimed-by") || "{name}", function (p) {
        var who = el("span", "search-claimant");
        marked(who, claimant, qwords);
        p.appendChild(who);
      });
    }
    art.appendChild(meta);

    if (d.c) { var claim = el("p", "claim"); marked(claim, d.c, qwords); art.appendChild(claim); }
    if (d.s) { var snip = el("p", "search-snippet"); marked(snip, d.s, qwords); art.appendChild(snip); }
    why(art, status.getAttribute("data-sources") || "", (d.pb || []).map(function (i) { return data.publishers[i]; }), qwords);
    why(art, status.getAttribute("data-topics") || "", (d.tp || []).map(function (i) { return data.topics[i]; }), qwords);
    // Words found only in the body: the query's own spelling of them, the
    // pieces of one word (covid-19) together.
    var inText = [], last = null;
    typed.forEach(function (w) {
      if (h[2].indexOf(w.t) < 0) { last = null; return; }
      if (last && !/\s/.test(q.slice(last[1], w.s))) last[1] = w.e; else inText.push(last = [w.s, w.e]);
    });
    inText = inText.map(function (sp) { return q.slice(sp[0], sp[1]); });
    if (inText.length) {
      var p = el("p", "search-why");
      p.appendChild(el("span", "search-why-label", status.getAttribute("data-in-text") || ""));
      inText.forEach(function (w) { p.appendChild(document.createTextNode(" ")); p.appendChild(el("mark", "", w)); });
      art.appendChild(p);
    }
    li.appendChild(art);
    return li;
  }

  // show lists a query's results once their parts are loaded, unless
  // another query came first.
  var shown = 0;
  function show(q) {
    var mine = ++shown, hits;
    return search(q).then(function (found) {
      hits = found || [];
      return Promise.all(hits.slice(0, MAX_RESULTS).map(function (h) { return load(chunkOf(h[0])); }));
    }).then(function () {
      if (mine !== shown) return;
      list.textContent = "";
      if (!q.trim() || !tokens(q).length) { status.textContent = ""; return; }
      status.textContent = hits.length === 0 ? word("none", 0, q) :
        matches(hits.length, q) + (hits.length > MAX_RESULTS ? word("first", MAX_RESULTS, q) : ".");
      var typed = words(q), qwords = typed.map(function (w) { return w.t; });
      hits.slice(0, MAX_RESULTS).forEach(function (h) { list.appendChild(result(h, q, qwords, typed)); });
      list.setAttribute("data-query", q);
    }, function () {
      if (mine === shown) status.textContent = word("failed", 0, q);
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
  window.factpressShow = show;
  window.factpressTokens = tokens;
})();
