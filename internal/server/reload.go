package server

// reloadScript reloads the tab after each rebuild and shows a broken file's
// diagnostics over the page until it is fixed.
const reloadScript = `(function () {
  "use strict";
  var overlay = null;
  function clear() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(diags) {
    clear();
    overlay = document.createElement("div");
    overlay.id = "factpress-diagnostics";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,23,26,.96);color:#f3f4f6;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
    var h = document.createElement("h2");
    h.textContent = "factpress: the site does not build";
    h.style.cssText = "font:600 18px system-ui,sans-serif;margin:0 0 1rem;color:#fca5a5";
    overlay.appendChild(h);
    var list = document.createElement("ul");
    list.style.cssText = "list-style:none;padding:0;margin:0";
    diags.forEach(function (d) {
      var li = document.createElement("li");
      li.style.margin = ".4rem 0";
      li.textContent = d.file + ":" + d.line + ":" + d.column + ": " + d.severity + "[" + d.code + "]: " + d.message;
      list.appendChild(li);
    });
    overlay.appendChild(list);
    var p = document.createElement("p");
    p.textContent = "The last good version stays served; fix the file and this page reloads.";
    p.style.color = "#9ca3af";
    overlay.appendChild(p);
    document.body.appendChild(overlay);
  }
  var es = new EventSource("/__factpress/events");
  es.addEventListener("state", function (e) {
    var ev = JSON.parse(e.data);
    if (ev.kind === "reload") { location.reload(); return; }
    show((ev.diagnostics || []).filter(function (d) { return d.severity === "error"; }));
  });
})();
`
