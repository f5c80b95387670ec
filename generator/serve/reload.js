// gen serve's live reload, added only to pages served by `gen serve`. It
// reloads the page after each good build, keeping the scroll position, and
// shows the errors of a failed build over the last good page.
(function () {
  "use strict";
  var key = "gen-serve-scroll:" + location.pathname;

  // Restore where the reader was before the reload.
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var xy = saved.split(",");
    var restore = function () { window.scrollTo(+xy[0], +xy[1]); };
    restore();
    window.addEventListener("load", restore);
  }

  // The build this page comes from, named by the server's Server-Timing
  // header; without it, the first event counts as this page's build.
  var mine = null;
  var nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
  if (nav && nav.serverTiming) {
    nav.serverTiming.forEach(function (t) { if (t.name === "gen") mine = t.description; });
  }

  var overlay = null;
  function showErrors(errors) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "gen-serve-errors";
      overlay.setAttribute("role", "alert");
      // Set through the CSSOM, which the site's CSP (style-src 'self')
      // allows, unlike a style attribute.
      var st = overlay.style;
      st.position = "fixed"; st.left = "0"; st.right = "0"; st.top = "0";
      st.maxHeight = "70vh"; st.overflow = "auto"; st.zIndex = "2147483647";
      st.margin = "0"; st.padding = "1em 1.5em";
      st.background = "#fff4f4"; st.color = "#5c0000";
      st.borderBottom = "4px solid #b00020"; st.boxShadow = "0 2px 12px rgba(0,0,0,.3)";
      st.font = "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var h = document.createElement("strong");
    h.textContent = "The site does not build (showing the last good version):";
    overlay.appendChild(h);
    var list = document.createElement("pre");
    list.style.margin = "0.5em 0 0"; list.style.whiteSpace = "pre-wrap";
    list.textContent = errors.join("\n");
    overlay.appendChild(list);
  }
  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  var events = new EventSource("/_gen/events");
  events.addEventListener("build", function (e) {
    var ev = JSON.parse(e.data);
    // For tests and the curious: the newest build this page has heard of.
    window.genServeBuild = ev.build;
    if (mine === null) mine = String(ev.pages);
    if (String(ev.pages) !== mine) {
      sessionStorage.setItem(key, window.scrollX + "," + window.scrollY);
      events.close();
      location.reload();
      return;
    }
    if (ev.errors.length > 0) showErrors(ev.errors); else hideErrors();
  });
})();
