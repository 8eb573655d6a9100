// Draws each chart of the page from the JSON the view embedded (<div data-chart="json-id">):
// one unit of measure per chart, numbers in the Vietnamese format.
(function () {
  "use strict";
  var vi = new Intl.NumberFormat("vi-VN");
  function option(data, type) {
    return {
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "" : vi.format(v); } },
      legend: { type: "scroll", top: 0 },
      grid: { top: 48, left: 64, right: 16, bottom: 48 },
      xAxis: { type: "category", data: data.categories },
      yAxis: { type: "value", name: data.unit, axisLabel: { formatter: function (v) { return vi.format(v); } } },
      series: data.series.map(function (s) { return { name: s.name, type: type, data: s.data, connectNulls: true }; })
    };
  }
  if (typeof echarts === "undefined") { return; }
  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (element) {
    var source = document.getElementById(element.dataset.chart);
    if (!source) { return; }
    var chart = echarts.init(element);
    chart.setOption(option(JSON.parse(source.textContent), element.dataset.type || "bar"));
    element.dataset.ready = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
