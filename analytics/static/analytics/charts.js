// Draws the page's chart from the JSON the view embedded; numbers in the Vietnamese format.
(function () {
  "use strict";
  var vi = new Intl.NumberFormat("vi-VN");
  function draw(elementId, dataId, build) {
    var element = document.getElementById(elementId);
    var source = document.getElementById(dataId);
    if (!element || !source || typeof echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var chart = echarts.init(element);
    chart.setOption(build(data));
    element.dataset.ready = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function option(categories, series, type) {
    return {
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "" : vi.format(v); } },
      legend: { type: "scroll", top: 0 },
      grid: { top: 48, left: 64, right: 16, bottom: 48 },
      xAxis: { type: "category", data: categories },
      yAxis: { type: "value", axisLabel: { formatter: function (v) { return vi.format(v); } } },
      series: series.map(function (s) { return { name: s.name, type: type, data: s.data, connectNulls: true }; })
    };
  }
  draw("trend-chart", "trend-data", function (d) { return option(d.years, d.series, "line"); });
  draw("pivot-chart", "pivot-data", function (d) { return option(d.categories, d.series, "bar"); });
})();
