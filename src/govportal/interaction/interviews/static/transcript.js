/* 在线访谈: the page asks for new transcript entries while the interview is
   not over (polling @@transcript.json?since=N; no websockets).  Without
   script the page shows everything up to its load and a reload link. */
(function () {
  "use strict";
  var section = document.getElementById("transcript-section");
  if (!section || !window.fetch) { return; }
  var list = document.getElementById("transcript");
  var statusEl = document.getElementById("iv-status");
  var url = section.getAttribute("data-poll-url");
  var last = parseInt(section.getAttribute("data-last"), 10) || 0;
  var rev = parseInt(section.getAttribute("data-rev"), 10) || 0;
  var seconds = Math.max(5, parseInt(section.getAttribute("data-seconds"), 10) || 15);
  if (section.getAttribute("data-status") === "closed") { return; }

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.textContent = value;
    return el;
  }

  function fill(li, entry) {
    while (li.firstChild) { li.removeChild(li.firstChild); }
    li.className = "role-" + entry.role;
    var head = document.createElement("p");
    head.appendChild(text("strong", entry.speaker, "speaker"));
    head.appendChild(document.createTextNode(" "));
    var time = text("time", entry.time);
    time.setAttribute("datetime", entry.at);
    head.appendChild(time);
    li.appendChild(head);
    if (entry.question_text) { li.appendChild(text("blockquote", "网友提问：" + entry.question_text)); }
    var body = text("p", entry.text, "entry-text");
    if (entry.edited) { body.appendChild(text("span", "（已更正）", "description")); }
    li.appendChild(body);
    if (entry.photo_url) {
      var p = document.createElement("p");
      var img = document.createElement("img");
      img.src = entry.photo_url;
      img.alt = entry.photo_alt || "";
      p.appendChild(img);
      li.appendChild(p);
    }
  }

  function add(entry) {
    if (document.getElementById("t-" + entry.seq)) { return; }
    var li = document.createElement("li");
    li.id = "t-" + entry.seq;
    fill(li, entry);
    list.appendChild(li);
    var empty = document.getElementById("transcript-empty");
    if (empty) { empty.parentNode.removeChild(empty); }
  }

  function poll() {
    fetch(url + "?since=" + last + "&rev=" + rev, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || !data.ok) { return; }
        data.entries.forEach(add);
        (data.changed || []).forEach(function (entry) {
          var li = document.getElementById("t-" + entry.seq);
          if (li) { fill(li, entry); }
        });
        last = data.last;
        rev = data.rev;
        if (statusEl && statusEl.textContent !== data.status_title) {
          statusEl.textContent = data.status_title;
          statusEl.className = "iv-status iv-status-" + data.status;
        }
        if (data.status !== "closed") { window.setTimeout(poll, seconds * 1000); }
      })
      .catch(function () { window.setTimeout(poll, seconds * 2000); });
  }
  window.setTimeout(poll, seconds * 1000);
})();
