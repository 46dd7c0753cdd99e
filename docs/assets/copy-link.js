/* The « citer » control beside every fact, actor, event, deadline, divergence, question, term
   and deal (templates/_macros.md.j2, link_tools). Without scripts it is a link to the element.
   With this script a click copies the element's permanent address — built at build time from
   the site's configured address (data-cite-url), never from the address the reader is on — and
   opens a small panel with the ready-made citations (MediaWiki {{Lien web}}, Markdown,
   Confluence; explainer/cite.py), each with its own copy button. « consulté le » becomes the
   day of the copy. One listener on the document (in the capture phase, before the theme's
   instant navigation, which would follow the link) serves every control, including those of
   pages reached by instant navigation. The confirmation goes to screen readers through a
   polite live region. No third party. */
(function () {
  "use strict";

  var FORMATS = [["wiki", "MediaWiki"], ["md", "Markdown"], ["confluence", "Confluence"]];

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

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  /* The citation as built, with « consulté le » set to the day of the copy. */
  function citation(control, key) {
    var text = control.getAttribute("data-cite-" + key) || "";
    var built = control.getAttribute("data-cite-accessed");
    if (!built) { return text; }
    return text.split("consulté le=" + built).join("consulté le=" + today())
               .split("consulté le " + built).join("consulté le " + today());
  }

  function closePanel() {
    var open = document.querySelector(".citer-panel");
    if (open) {
      var control = open.previousElementSibling;
      open.parentNode.removeChild(open);
      if (control) { control.setAttribute("aria-expanded", "false"); }
    }
  }

  function announce(text) {
    var live = status();
    live.textContent = text;
  }

  function openPanel(control) {
    closePanel();
    var panel = document.createElement("div");
    panel.className = "citer-panel";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", "Citer : " + (control.getAttribute("data-cite-title") || ""));
    panel.setAttribute("data-search-exclude", "");
    var head = document.createElement("p");
    head.className = "citer-panel__head";
    head.textContent = "Lien permanent copié. Citations toutes faites :";
    panel.appendChild(head);
    FORMATS.forEach(function (format) {
      var row = document.createElement("div");
      row.className = "citer-panel__row";
      var label = document.createElement("span");
      label.className = "citer-panel__label";
      label.textContent = format[1];
      var field = document.createElement("textarea");
      field.readOnly = true;
      field.rows = 2;
      field.className = "citer-panel__text";
      field.value = citation(control, format[0]);
      field.setAttribute("aria-label", "Citation " + format[1]);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "citer-panel__copy";
      button.setAttribute("data-format", format[0]);
      button.textContent = "Copier";
      button.setAttribute("aria-label", "Copier la citation " + format[1]);
      row.appendChild(label);
      row.appendChild(field);
      row.appendChild(button);
      panel.appendChild(row);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.className = "citer-panel__close";
    close.textContent = "Fermer";
    panel.appendChild(close);
    control.insertAdjacentElement("afterend", panel);
    control.setAttribute("aria-expanded", "true");
    return panel;
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) { return; }
    var inPanel = target.closest(".citer-panel");
    if (inPanel) {
      var control = inPanel.previousElementSibling;
      if (target.closest(".citer-panel__close")) {
        closePanel();
        if (control) { control.focus(); }
        return;
      }
      var button = target.closest(".citer-panel__copy");
      if (button && control) {
        var format = button.getAttribute("data-format");
        var name = button.getAttribute("aria-label").replace("Copier la citation ", "");
        var text = citation(control, format);
        copy(text).then(function () {
          button.textContent = "Copié";
          announce("Citation " + name + " copiée");
        }, function () {
          announce("Copie impossible ; sélectionnez la citation " + name);
        });
      }
      event.stopPropagation();
      return;
    }
    var citer = target.closest("a.citer");
    if (!citer) {
      if (!target.closest(".citer-panel")) { closePanel(); }
      return;
    }
    /* the theme's instant navigation would follow the link: the control is handled here only */
    event.preventDefault();
    event.stopPropagation();
    if (citer.getAttribute("aria-expanded") === "true") { closePanel(); return; }
    var url = citer.getAttribute("data-cite-url") || citer.href;
    openPanel(citer);
    copy(url).then(function () {
      announce("Lien copié : " + url);
      citer.classList.add("citer--done");
      setTimeout(function () { citer.classList.remove("citer--done"); }, 2000);
    }, function () {
      announce("Copie impossible ; voici le lien : " + url);
    });
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.querySelector(".citer-panel")) {
      var control = document.querySelector(".citer-panel").previousElementSibling;
      closePanel();
      if (control) { control.focus(); }
    }
  });

  /* One sign per claim (templates/_macros.md.j2, refs): a claim resting on several facts shows
     the sign of the least certain; a click opens the list of its facts (each by its first words
     and its own status) instead of following the link, a second click or Escape closes it. */
  function closeRefs(except) {
    document.querySelectorAll(".refs-more:not([hidden])").forEach(function (list) {
      if (list === except) { return; }
      list.hidden = true;
      var sign = list.previousElementSibling;
      if (sign) { sign.setAttribute("aria-expanded", "false"); }
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var sign = target ? target.closest(".refs--group > a.ref") : null;
    if (!sign) {
      if (!target || !target.closest(".refs-more")) { closeRefs(null); }
      return;
    }
    var list = sign.nextElementSibling;
    if (!list || !list.classList.contains("refs-more")) { return; }
    event.preventDefault();
    event.stopPropagation();
    closeRefs(list);
    list.hidden = !list.hidden;
    sign.setAttribute("aria-expanded", list.hidden ? "false" : "true");
    if (!list.hidden) {
      list.style.left = "";
      var box = list.getBoundingClientRect();
      var room = document.documentElement.clientWidth - 8;
      if (box.right > room) { list.style.left = (list.offsetLeft - (box.right - room)) + "px"; }
      if (list.getBoundingClientRect().left < 8) { list.style.left = (list.offsetLeft + 8 - list.getBoundingClientRect().left) + "px"; }
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.querySelector(".refs-more:not([hidden])");
    if (open) {
      closeRefs(null);
      if (open.previousElementSibling) { open.previousElementSibling.focus(); }
    }
  });

  /* A link to an element inside a closed <details> (the chronology in words) opens it, where
     the browser does not do it itself, and brings the element into view. */
  /* The element the address names (#id), if the page has it. */
  function addressed() {
    var id = location.hash ? decodeURIComponent(location.hash.slice(1)) : "";
    return id ? document.getElementById(id) : null;
  }

  function reveal() {
    var element = addressed();
    if (!element) { return; }
    var opened = false;
    for (var d = element.closest("details"); d; d = d.parentElement ? d.parentElement.closest("details") : null) {
      if (!d.open) { d.open = true; opened = true; }
    }
    if (opened) { element.scrollIntoView(); }
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  /* On a slow device the browser jumps to the address's element before the page is whole:
     what loads later above it (styles, drawings) pushes it out of view. Once everything is
     loaded, bring it back, unless the reader has moved meanwhile (seen under load: the last
     fact of Acteurs a screen below the top). */
  var moved = false;
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (kind) {
    window.addEventListener(kind, function () { moved = true; }, { once: true, passive: true });
  });
  function land(asked) {
    var element = addressed();
    if ((moved && asked !== true) || !element) { return; }
    var top = element.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 4) { element.scrollIntoView(); }
  }
  if (document.readyState === "complete") { land(); } else { window.addEventListener("load", land); }
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(land); }
  /* A new address on the same page is the reader's own request: after the browser's jump (a
     frame later), the element is on screen, also where a busy browser did not scroll (seen
     under load: the second of two addresses on Acteurs left where the first was). */
  window.addEventListener("hashchange", function () {
    window.requestAnimationFrame(function () { land(true); });
  });
})();
