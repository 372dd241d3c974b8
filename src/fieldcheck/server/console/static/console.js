// The console's charts: data comes from <script type="application/json"> blocks (no inline script).
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function draw() {
    if (typeof echarts === "undefined") { return; }
    var kids = data("data-children");
    var box = document.getElementById("chart-children");
    if (kids && box) {
      echarts.init(box).setOption({
        title: { text: "下级单位 隐患与整改", left: 8, textStyle: { fontSize: 13 } },
        tooltip: { trigger: "axis" },
        legend: { data: ["发现隐患项", "已整改"], right: 8 },
        grid: { left: 48, right: 16, bottom: 56, top: 40 },
        xAxis: { type: "category", data: kids.labels, axisLabel: { rotate: 30, fontSize: 11 } },
        yAxis: { type: "value" },
        series: [
          { name: "发现隐患项", type: "bar", data: kids.found, itemStyle: { color: "#0b57a4" } },
          { name: "已整改", type: "bar", data: kids.rectified, itemStyle: { color: "#2e9b57" } }
        ]
      });
    }
    var ind = data("data-industries");
    var pie = document.getElementById("chart-industries");
    if (ind && pie) {
      echarts.init(pie).setOption({
        title: { text: "按行业 发现隐患项", left: 8, textStyle: { fontSize: 13 } },
        tooltip: { trigger: "item" },
        series: [{ type: "pie", radius: ["35%", "65%"], center: ["50%", "58%"], data: ind,
                   label: { fontSize: 11 } }]
      });
    }
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
