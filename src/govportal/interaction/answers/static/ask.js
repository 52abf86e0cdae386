/* 智能问答: suggestions while typing (ARIA 1.2 combobox with a listbox).
 * Without this script the box is a plain form.  Keys: Down/Up move through
 * the suggestions, Enter picks one (or submits what was typed), Escape
 * closes the list.  The number of suggestions is announced politely. */
(function () {
  "use strict";
  var input = document.getElementById("ask-q");
  var list = document.getElementById("ask-suggest");
  var status = document.getElementById("ask-status");
  var form = document.getElementById("ask-form");
  if (!input || !list || !window.fetch) { return; }
  var url = input.getAttribute("data-suggest");
  var active = -1;
  var timer = null;
  var last = "";
  var items = [];

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function select(index) {
    var options = list.querySelectorAll("[role=option]");
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({block: "nearest"});
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(index) {
    if (!items[index]) { return; }
    input.value = items[index].label;
    close();
    form.submit();
  }

  function render(rows) {
    items = rows;
    list.textContent = "";
    rows.forEach(function (row, i) {
      var li = document.createElement("li");
      li.id = "ask-opt-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = row.label;
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    if (rows.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = "有" + rows.length + "条相关问题，可用上下方向键选择。";
    } else {
      close();
      status.textContent = "";
    }
    active = -1;
  }

  function load() {
    var q = input.value.trim();
    if (q === last) { return; }
    last = q;
    if (!q) { render([]); return; }
    fetch(url + "?q=" + encodeURIComponent(q), {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {suggestions: []}; })
      .then(function (data) { if (input.value.trim() === q) { render(data.suggestions || []); } })
      .catch(function () { render([]); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(load, 200);
  });
  input.addEventListener("keydown", function (e) {
    var open = !list.hidden && items.length;
    if (e.key === "ArrowDown") {
      if (!open) { last = ""; load(); return; }
      e.preventDefault();
      select(active + 1 >= items.length ? 0 : active + 1);
    } else if (e.key === "ArrowUp" && open) {
      e.preventDefault();
      select(active <= 0 ? items.length - 1 : active - 1);
    } else if (e.key === "Enter" && open && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
}());
