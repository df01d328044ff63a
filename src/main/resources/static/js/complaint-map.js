// The complaint map: Shandong's city boundaries (vendored from echarts 4.9.0), each compound a point coloured by
// complaint density or satisfaction, each city (province view) shaded by its density. A click on a point opens the
// compound's public column. Data: the element's data-map attribute (ComplaintMap.MapData), data-by = density | satisfaction.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('complaint-map');
  if (!el || !window.echarts) { return; }
  var data = JSON.parse(el.getAttribute('data-map'));
  var by = el.getAttribute('data-by') || 'density';
  fetch('/vendor/echarts-map/shandong.json').then(function (r) { return r.json(); }).then(function (geo) {
    echarts.registerMap('shandong', geo);
    var value = function (p) { return by === 'density' ? (p.density == null ? 0 : Math.round(p.density * 10) / 10)
      : (p.satisfactionRate == null ? null : Math.round(p.satisfactionRate * 1000) / 10); };
    var points = data.compounds.map(function (p) { return { name: p.name, id: p.id, value: [p.longitude, p.latitude, value(p)], raw: p }; });
    var values = points.map(function (p) { return p.value[2]; }).filter(function (v) { return v != null; });
    var max = by === 'density' ? Math.max(1, Math.ceil(Math.max.apply(null, values.concat([0])))) : 100;
    var option = {
      tooltip: { trigger: 'item', formatter: function (i) {
        var p = i.data && i.data.raw;
        if (!p) { return i.name + (i.value == null || isNaN(i.value) ? '' : '<br>投诉密度 ' + i.value + ' 件/千户'); }
        return p.name + '<br>投诉 ' + p.complaints + ' 件 / ' + p.households + ' 户（' + (p.density == null ? '—' : p.density.toFixed(1)) + ' 件/千户）'
          + '<br>满意 ' + p.satisfied + ' / 评价 ' + p.rated + '（' + (p.satisfactionRate == null ? '—' : (p.satisfactionRate * 100).toFixed(1) + '%') + '）';
      } },
      visualMap: [{ type: 'continuous', min: by === 'density' ? 0 : 60, max: max, seriesIndex: data.cities.length ? 1 : 0, calculable: true,
        orient: 'horizontal', left: 'center', bottom: 4, text: by === 'density' ? ['高', '低 投诉/千户'] : ['高', '低 满意率%'],
        inRange: { color: by === 'density' ? ['#2e7d32', '#fbc02d', '#c62828'] : ['#c62828', '#fbc02d', '#2e7d32'] } }],
      geo: { map: 'shandong', roam: true, itemStyle: { areaColor: '#f3f1ec', borderColor: '#999' }, emphasis: { itemStyle: { areaColor: '#e8e2d6' } },
        label: { show: data.cities.length > 0, fontSize: 10 } },
      series: [{ type: 'scatter', coordinateSystem: 'geo', symbolSize: 7, data: points, encode: { value: 2 } }]
    };
    if (data.cities.length) {
      var maxCity = Math.max.apply(null, data.cities.map(function (c) { return c.density || 0; }).concat([1]));
      option.visualMap.push({ type: 'continuous', min: 0, max: Math.ceil(maxCity), seriesIndex: 0, show: false, inRange: { color: ['#fff8e1', '#ef9a9a'] } });
      option.series.unshift({ type: 'map', geoIndex: 0, data: data.cities.map(function (c) { return { name: c.name, value: c.density == null ? null : Math.round(c.density * 10) / 10 }; }) });
    } else if (points.length) {
      // a city or a region inside it: fit the view to its compounds
      var lng = points.map(function (p) { return p.value[0]; }), lat = points.map(function (p) { return p.value[1]; });
      var pad = 0.08;
      option.geo.boundingCoords = [[Math.min.apply(null, lng) - pad, Math.max.apply(null, lat) + pad], [Math.max.apply(null, lng) + pad, Math.min.apply(null, lat) - pad]];
    }
    // on the command centre's dark wall the legend's texts are light
    if (document.body.classList.contains('screen')) { option.visualMap.forEach(function (v) { v.textStyle = { color: '#e6edf5' }; }); }
    var chart = echarts.init(el);
    chart.setOption(option);
    chart.on('click', function (e) { if (e.data && e.data.id) { window.location.href = '/public/compounds/' + e.data.id; } });
    el.setAttribute('data-ready', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
