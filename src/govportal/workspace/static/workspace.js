/* Workspace lists: a "select all" checkbox per table. */
(function () {
  'use strict';
  document.querySelectorAll('input.ws-all').forEach(function (all) {
    all.addEventListener('change', function () {
      var table = all.closest('table');
      table.querySelectorAll('tbody input[type=checkbox]').forEach(function (box) {
        box.checked = all.checked;
      });
    });
  });
})();
