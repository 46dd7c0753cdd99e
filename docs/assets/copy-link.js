/* "Copy link" buttons next to every fact, actor, event, deadline, disagreement and question.
   One listener on the document serves every button, including those of pages reached by
   instant navigation, so loading a page costs no work per button. The buttons are hidden
   only when scripts are off (a <noscript> style in overrides/main.html), which keeps them
   in place from the first paint: nothing moves when this script arrives.
   The confirmation is announced to screen readers through a polite live region. No third party. */
(function () {
  "use strict";

  function status() {
    var live = document.getElementById("copy-link-status");
    if (!live) {
      live = document.createElement("div");
      live.id = "copy-link-status";
      live.className = "copy-link-status";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    return live;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "absolute";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button.copy-link") : null;
    if (!button) { return; }
    var url = location.origin + location.pathname + "#" + button.dataset.anchor;
    var live = status();
    copy(url).then(function () {
      live.textContent = "Lien copié : " + url;
      button.classList.add("copy-link--done");
      setTimeout(function () { button.classList.remove("copy-link--done"); }, 2000);
    }, function () {
      live.textContent = "Copie impossible ; voici le lien : " + url;
    });
  });
})();
