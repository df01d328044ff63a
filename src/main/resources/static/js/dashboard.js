// Draws the coverage rates of the regions one level down; the data comes from the page's data-chart attribute.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('chart');
  if (!el || !window.echarts) { return; }
  var data = JSON.parse(el.getAttribute('data-chart'));
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + '%'; } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 40, right: 10, top: 40, bottom: 70 },
    xAxis: { type: 'category', data: data.names, axisLabel: { rotate: 40, interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: data.series.map(function (s) { return { name: s.name, type: 'bar', data: s.data }; })
  });
  window.addEventListener('resize', function () { chart.resize(); });
});
