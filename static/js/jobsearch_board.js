// The board's drag and drop, an enhancement only: dropping a card on a column sets the
// card's own stage <select> and submits its Move form, which works without this script
// and by keyboard.
(function () {
  "use strict";
  var board = document.querySelector("[data-board]");
  if (!board || !("draggable" in document.createElement("li"))) return;
  var dragged = null;
  board.querySelectorAll(".board-card").forEach(function (card) {
    card.setAttribute("draggable", "true");
    card.addEventListener("dragstart", function (event) {
      dragged = card;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.dataset.moveUrl || "");
    });
    card.addEventListener("dragend", function () { dragged = null; });
  });
  board.querySelectorAll(".board-column").forEach(function (column) {
    column.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      column.classList.add("drop-target");
    });
    column.addEventListener("dragleave", function () { column.classList.remove("drop-target"); });
    column.addEventListener("drop", function (event) {
      column.classList.remove("drop-target");
      if (!dragged) return;
      event.preventDefault();
      var form = dragged.querySelector("form.move-form");
      var select = form && form.querySelector("select[name=stage]");
      var stage = column.dataset.stage;
      if (!select || select.value === stage) return;
      // "accepted" is not among a card's options: the view sends it to the accept page.
      var option = select.querySelector('option[value="' + stage + '"]');
      if (!option) {
        option = document.createElement("option");
        option.value = stage;
        select.appendChild(option);
      }
      select.value = stage;
      form.submit();
    });
  });
})();
