// The werkmap in the browser (localStorage), as progressive enhancement. Without JavaScript the
// werkmap still works through its URL; with it, 'Zet in werkmap' adds to one list kept across
// pages, the menu shows how many items it holds, and the werkmap page keeps the list in step.
(function () {
  "use strict";
  var KEY = "kb-werkmap";

  function load() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return { ids: Array.isArray(data.ids) ? data.ids : [], notes: data.notes || {} };
    } catch (e) { return { ids: [], notes: {} }; }
  }
  function save(state) {
    try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* storage full or blocked */ }
    updateNav(state);
  }
  function query(state, own) {
    var parts = [];
    state.ids.forEach(function (id) {
      parts.push("id=" + encodeURIComponent(id));
      if (state.notes[id]) { parts.push("notitie-" + encodeURIComponent(id) + "=" + encodeURIComponent(state.notes[id])); }
    });
    if (own) { parts.push("eigen=1"); }
    return parts.join("&");
  }
  function updateNav(state) {
    var link = document.getElementById("nav-werkmap");
    if (!link) { return; }
    var count = link.querySelector(".wm-count");
    link.href = "/werkmap" + (state.ids.length ? "?" + query(state, true) : "");
    if (count) {
      count.hidden = state.ids.length === 0;
      count.textContent = " (" + state.ids.length + ")";
    }
  }
  function setButton(button, inList) {
    var title = button.getAttribute("data-title") || "";
    button.setAttribute("aria-pressed", inList ? "true" : "false");
    button.innerHTML = "";
    button.appendChild(document.createTextNode(inList ? "✓ In werkmap" : "Zet in werkmap"));
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ": " + title;
    button.appendChild(hidden);
  }

  // After a note is typed: the address, the share link, the exports and the remove links carry
  // it, so a reload, a shared link or an export never loses what was typed.
  function refreshLinks(state) {
    var own = query(state, true);
    window.history.replaceState(null, "", "/werkmap?" + own);
    var share = document.getElementById("deel-link");
    if (share) { share.value = window.location.origin + "/werkmap?" + query(state); }
    var print = document.getElementById("print-link");
    if (print && share) { print.href = share.value; }
    var csvLink = document.getElementById("werkmap-csv");
    if (csvLink) { csvLink.href = "/werkmap.csv?" + query(state); }
    var mdLink = document.getElementById("werkmap-md");
    if (mdLink) { mdLink.href = "/werkmap.md?" + query(state); }
    Array.prototype.forEach.call(document.querySelectorAll("[data-werkmap-remove]"), function (link) {
      var id = link.getAttribute("data-werkmap-remove");
      var rest = { ids: state.ids.filter(function (x) { return x !== id; }), notes: state.notes };
      link.href = "/werkmap?" + query(rest, true);
    });
  }

  var state = load();
  updateNav(state);

  // 'Zet in werkmap' buttons toggle the item in the stored list.
  Array.prototype.forEach.call(document.querySelectorAll("[data-werkmap-id]"), function (button) {
    var id = button.getAttribute("data-werkmap-id");
    setButton(button, state.ids.indexOf(id) >= 0);
    button.form.addEventListener("submit", function (e) {
      e.preventDefault();
      state = load();
      var i = state.ids.indexOf(id);
      if (i >= 0) { state.ids.splice(i, 1); delete state.notes[id]; } else { state.ids.push(id); }
      save(state);
      setButton(button, i < 0);
    });
  });

  // On the werkmap page: keep the stored list and the page in step.
  var form = document.getElementById("werkmap-form");
  var params = new URLSearchParams(window.location.search);
  if (window.location.pathname === "/werkmap") {
    var urlIds = params.getAll("id");
    var fromUrl = { ids: urlIds, notes: {} };
    urlIds.forEach(function (id) { var n = params.get("notitie-" + id); if (n) { fromUrl.notes[id] = n; } });
    if (!urlIds.length && state.ids.length) {
      window.location.replace("/werkmap?" + query(state, true));
      return;
    }
    if (params.get("eigen") === "1" || !state.ids.length) {
      // The visitor's own werkmap (from the menu, a save or a removal): the URL is the truth.
      if (urlIds.length || params.get("eigen") === "1") { save(fromUrl); state = fromUrl; }
    } else if (query(fromUrl) !== query(state)) {
      var shared = document.getElementById("werkmap-shared");
      var adopt = document.getElementById("werkmap-adopt");
      if (shared && adopt) {
        shared.hidden = false;
        adopt.addEventListener("click", function () { save(fromUrl); shared.hidden = true; });
      }
    }
    if (form) {
      form.addEventListener("input", function (e) {
        if (e.target.tagName === "TEXTAREA" && params.get("eigen") === "1") {
          var id = e.target.name.replace(/^notitie-/, "");
          state = load();
          if (e.target.value.trim()) { state.notes[id] = e.target.value.trim(); } else { delete state.notes[id]; }
          save(state);
          refreshLinks(state);
        }
      });
    }
    var copy = document.getElementById("kopieer-link");
    var share = document.getElementById("deel-link");
    if (copy && share && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(share.value).then(function () { copy.textContent = "Gekopieerd"; });
      });
    }
  }
})();
