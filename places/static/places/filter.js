// Search as you type over a list: <input data-filter="#list"> hides the options of a select, or
// the [data-filter-item] elements of any other list, whose text does not hold what is typed
// (accents ignored: "an giang" finds "An Giang"). Without JavaScript the box stays hidden.
(function () {
  "use strict";
  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function items(list) {
    return list.tagName === "SELECT" ? Array.prototype.slice.call(list.options) : Array.prototype.slice.call(list.querySelectorAll("[data-filter-item]"));
  }
  function attach(box) {
    if (box.dataset.filterReady) { return; }
    var list = document.querySelector(box.dataset.filter);
    if (!list) { return; }
    box.dataset.filterReady = "1";
    box.hidden = false;
    box.addEventListener("input", function () {
      var words = plain(box.value).split(/\s+/).filter(Boolean);
      items(list).forEach(function (item) {
        var text = plain(item.textContent);
        item.hidden = item.value !== "" && !words.every(function (w) { return text.indexOf(w) !== -1; });
      });
      Array.prototype.forEach.call(list.querySelectorAll("[data-filter-group]"), function (group) {
        group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
      });
    });
  }
  function attachAll() { Array.prototype.forEach.call(document.querySelectorAll("input[data-filter]"), attach); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", attachAll); } else { attachAll(); }
})();
