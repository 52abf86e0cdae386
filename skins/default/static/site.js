/* govportal default skin: small progressive enhancements.  Every page works
 * without this script; it opens no pop-ups and moves no focus by itself. */
(function () {
  "use strict";
  var doc = document;

  // The print view (…/print) opens the print dialogue once it has loaded
  // (a data attribute: the Content-Security-Policy refuses inline script).
  if (doc.querySelector("[data-autoprint]")) {
    window.addEventListener("load", function () { window.print(); });
  }

  // Mark the main-navigation entry of the current section for screen readers.
  var here = location.pathname;
  var best = null;
  Array.prototype.forEach.call(doc.querySelectorAll(".site-nav a[href]"), function (a) {
    var path = a.pathname;
    if (path === "/" ? here === "/" : here.indexOf(path) === 0) {
      if (!best || path.length > best.pathname.length) best = a;
    }
  });
  if (best) best.setAttribute("aria-current", "page");

  // Wide tables in document bodies scroll inside their own box (the page
  // itself never scrolls sideways); a box that scrolls can be reached and
  // scrolled with the keyboard.
  var boxes = [];
  Array.prototype.forEach.call(doc.querySelectorAll("main .body table"), function (table, i) {
    var box = doc.createElement("div");
    var caption = table.querySelector("caption");
    box.className = "table-scroll";
    box.setAttribute("data-label", caption ? caption.textContent : "表格" + (i + 1));
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    boxes.push(box);
  });
  function updateBoxes() {
    boxes.forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", box.getAttribute("data-label"));
        box.tabIndex = 0;
      } else {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.removeAttribute("tabindex");
      }
    });
  }
  if (boxes.length) {
    updateBoxes();
    window.addEventListener("resize", updateBoxes);
  }
})();
