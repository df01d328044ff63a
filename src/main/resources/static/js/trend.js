// Draws a region's weekly or monthly appeals beside the same weeks a year earlier, and the satisfaction rate on the
// right axis (light texts on the command centre's dark wall); the data comes from the element's data-trend attribute
// (Trends.Series as the API gives it).
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-trend]').forEach(function (el) {
    if (!window.echarts) { return; }
    var data = JSON.parse(el.getAttribute('data-trend'));
    var pct = function (p, r) { return p[r] == null ? null : Math.round(p[r] * 1000) / 10; };
    var option = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.points.map(function (p) { return p.label; }), axisLabel: { fontSize: 11 } },
      yAxis: [{ type: 'value', name: '件数', minInterval: 1, nameTextStyle: { align: 'left' } },
        { type: 'value', name: '满意率', max: 100, axisLabel: { formatter: '{value}%' }, nameTextStyle: { align: 'right' } }],
      series: [
        { name: '诉求', type: 'bar', data: data.points.map(function (p) { return p.appeals; }) },
        { name: '去年同期', type: 'bar', data: data.points.map(function (p) { return p.appealsYearBefore; }), itemStyle: { opacity: 0.45 } },
        { name: '投诉', type: 'line', data: data.points.map(function (p) { return p.complaints; }) },
        { name: '满意率', type: 'line', yAxisIndex: 1, connectNulls: true, data: data.points.map(function (p) { return pct(p, 'satisfactionRate'); }),
          tooltip: { valueFormatter: function (v) { return v == null ? '—' : v + '%'; } } }
      ]
    };
    if (document.body.classList.contains('screen')) {
      option.textStyle = { color: '#e6edf5' };
      option.legend.textStyle = { color: '#e6edf5' };
      option.yAxis.forEach(function (a) { a.nameTextStyle.color = '#e6edf5'; a.axisLabel = Object.assign({ color: '#e6edf5' }, a.axisLabel || {}); });
    }
    var chart = echarts.init(el);
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
