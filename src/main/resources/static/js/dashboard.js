// Draws the coverage rates of the regions one level down; the data comes from the page's data-chart attribute.
// On a phone, or with many regions, the bars lie down so that every name stays readable.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('chart');
  if (!el || !window.echarts) { return; }
  var data = JSON.parse(el.getAttribute('data-chart'));
  var horizontal = el.clientWidth < 600 || data.names.length > 12;
  if (horizontal) { el.style.height = Math.max(320, 60 + data.names.length * 56) + 'px'; }
  var chart = echarts.init(el);
  var categories = { type: 'category', data: data.names, inverse: horizontal, axisLabel: horizontal ? { fontSize: 11, width: 84, overflow: 'truncate' } : { rotate: 40, interval: 0, fontSize: 11 } };
  var values = { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } };
  chart.setOption({
    tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + '%'; } },
    legend: { top: 0, type: 'scroll' },
    grid: horizontal ? { left: 90, right: 16, top: 36, bottom: 24 } : { left: 40, right: 10, top: 40, bottom: 70 },
    xAxis: horizontal ? values : categories,
    yAxis: horizontal ? categories : values,
    series: data.series.map(function (s) { return { name: s.name, type: 'bar', data: s.data }; })
  });
  window.addEventListener('resize', function () { chart.resize(); });
});
