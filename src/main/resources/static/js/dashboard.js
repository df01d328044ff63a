// Draws rates (coverage, appeal indicators) of the regions one level down; the data comes from the page's data-chart attribute.
// On a phone, or with many regions, the bars lie down so that every name stays readable.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('chart');
  if (!el || !window.echarts) { return; }
  var data = JSON.parse(el.getAttribute('data-chart'));
  var horizontal = el.clientWidth < 600 || data.names.length > 12;
  if (horizontal) { el.style.height = Math.max(320, 60 + data.names.length * 56) + 'px'; }
  var chart = echarts.init(el);
  // long names (荣成市经济技术开发区) wrap inside the label width instead of being cut; containLabel keeps them on the chart
  var labelWidth = horizontal ? Math.min(120, Math.max(60, el.clientWidth * 0.3)) : 90;
  var categories = { type: 'category', data: data.names, inverse: horizontal,
    axisLabel: horizontal ? { fontSize: 11, width: labelWidth, overflow: 'break', lineHeight: 13 } : { rotate: 40, interval: 0, fontSize: 11, width: labelWidth, overflow: 'break' } };
  var values = { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } };
  chart.setOption({
    tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + '%'; } },
    legend: { top: 0, type: 'scroll' },
    grid: horizontal ? { left: 8, right: 16, top: 36, bottom: 24, containLabel: true } : { left: 8, right: 10, top: 40, bottom: 8, containLabel: true },
    xAxis: horizontal ? values : categories,
    yAxis: horizontal ? categories : values,
    series: data.series.map(function (s) { return { name: s.name, type: 'bar', data: s.data }; })
  });
  window.addEventListener('resize', function () { chart.resize(); });
});
