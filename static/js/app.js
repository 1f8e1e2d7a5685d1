// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // The navigation's Menu disclosure is for narrow screens. Browsers that cannot show a
  // closed <details> by CSS alone (no ::details-content) get it opened on wide screens.
  var menu = document.querySelector(".nav-menu");
  if (menu && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 62rem)");
    var sync = function () { if (wide.matches) { menu.open = true; } };
    sync();
    if (wide.addEventListener) { wide.addEventListener("change", sync); }
  }

  // The bar's menus (HR, Account) close on Escape (focus back on their button) and on a
  // click elsewhere, as menus do; without this file each closes by its own button.
  var drops = document.querySelectorAll(".site-header details.nav-drop");
  Array.prototype.forEach.call(drops, function (drop) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drop.open) {
        drop.open = false;
        drop.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (drop.open && !drop.contains(event.target)) { drop.open = false; }
    });
    // One menu open at a time.
    drop.addEventListener("toggle", function () {
      if (!drop.open) { return; }
      Array.prototype.forEach.call(drops, function (other) {
        if (other !== drop) { other.open = false; }
      });
    });
  });

  // After a failed submit, focus the form's error summary so that it is read out first and
  // its links lead to the fields.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // Tables: label each cell with its column's header, so that narrow screens can show every
  // row as a card (the CSS does it under 40rem for tables marked data-stack).
  var tables = document.querySelectorAll("main table");
  Array.prototype.forEach.call(tables, function (table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head || table.hasAttribute("data-no-stack")) { return; }
    var names = Array.prototype.map.call(head.cells, function (cell) {
      return cell.textContent.trim();
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (!cell.hasAttribute("data-label")) { cell.setAttribute("data-label", names[i] || ""); }
        });
      });
    });
    table.setAttribute("data-stack", "");
  });

  // Formsets with a <template data-formset-empty>: "Add another" copies the empty row with
  // the next index and counts it in the management form (without JavaScript the rows the
  // page came with are all there is).
  var formsets = document.querySelectorAll("[data-formset]");
  Array.prototype.forEach.call(formsets, function (set) {
    var add = set.querySelector("[data-formset-add]");
    var empty = set.querySelector("template[data-formset-empty]");
    var rows = set.querySelector("[data-formset-rows]");
    var total = set.querySelector("input[name$='-TOTAL_FORMS']");
    var max = set.querySelector("input[name$='-MAX_NUM_FORMS']");
    if (!add || !empty || !rows || !total) { return; }
    var limit = max ? parseInt(max.value, 10) : Infinity;
    var sync = function () { add.hidden = parseInt(total.value, 10) >= limit; };
    add.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = empty.innerHTML.replace(/__prefix__/g, index).replace(/__number__/g, index + 1);
      rows.insertAdjacentHTML("beforeend", html);
      total.value = index + 1;
      var first = rows.lastElementChild && rows.lastElementChild.querySelector("input");
      if (first) { first.focus(); }
      sync();
    });
    sync();
  });
})();
