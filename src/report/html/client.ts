/**
 * The browser script of the HTML report (plain ES5-ish JavaScript, inlined after uPlot).
 * It reads the report model from `<script type="application/json" id="capplan-data">`
 * and draws four uPlot charts: target vs achieved rate, latency percentiles over time,
 * the HDR latency distribution and errors over time, plus one chart per unit of the monitored
 * server series (model.monitorColumns, on the same time axis), with the run's phases shaded and
 * the chaos windows drawn as red bands (labelled `chaos 1`, `chaos 2`, …) on every time chart. Text from the data only ever reaches the page through textContent/Option
 * (never innerHTML).
 *
 * HDR curve axis: x = 1 / (1 − p), p the percentile as a fraction, on a log10 scale, so
 * 90% → 10, 99% → 100, 99.9% → 1000 (as in HdrHistogram's plotter).
 */
export const REPORT_CLIENT_JS = String.raw`
(function () {
  'use strict';
  var model = JSON.parse(document.getElementById('capplan-data').textContent);
  var S = model.series;
  var C = {
    target: '#94a3b8', achieved: '#2563eb', users: '#0d9488',
    p50: '#16a34a', p90: '#d97706', p99: '#dc2626', p999: '#7c3aed', max: '#475569',
    errors: '#dc2626', backpressure: '#f59e0b', dropped: '#7c3aed', late: '#64748b'
  };
  var PALETTE = ['#2563eb', '#16a34a', '#d97706', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#ea580c', '#4f46e5', '#0f766e'];
  var HEIGHT = 260;
  // Long runs have thousands of points per line: thinner lines keep the percentiles apart.
  var W = S.t.length > 400 ? 1 : 2;
  var charts = [];

  function alpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
  }
  function group3(s) { return s.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f'); }
  function fmt(v) {
    if (v == null || !isFinite(v)) return '–';
    var a = Math.abs(v);
    if (a === 0) return '0';
    if (a < 1) return v.toFixed(3);
    if (a < 10) return v.toFixed(2);
    if (a < 100) return v.toFixed(1);
    return group3(String(Math.round(v)));
  }
  function fmtTime(t) {
    if (t == null) return '–';
    var s = Math.round(t), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = h ? (m < 10 ? '0' : '') + m : String(m);
    return (h ? h + ':' : '') + mm + ':' + (r < 10 ? '0' : '') + r;
  }
  function pctOfX(x) {
    if (x <= 1.0000001) return '0%';
    var p = 100 * (1 - 1 / x);
    var d = Math.max(0, Math.ceil(Math.log10(x) - 1e-9) - 1);
    return String(parseFloat(p.toFixed(d))) + '%';
  }
  // Axis labels with as many decimals as the tick step needs (0.2 → 1 decimal, 25 → none).
  function axisFmt(u, splits) {
    var step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : 1;
    var d = step > 0 && step < 1 ? Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)) : 0;
    return splits.map(function (v) {
      if (v == null) return '';
      var parts = v.toFixed(d).split('.');
      return group3(parts[0]) + (parts[1] ? '.' + parts[1] : '');
    });
  }
  function unit(u) { return function (_u, v) { return v == null ? '–' : fmt(v) + ' ' + u; }; }

  // Phases: alternating bands with a dashed line at each boundary, and every phase named above
  // the plot over a thin bracket spanning its band. A name starts at its band's left edge; a name
  // that would overlap another (narrow bands) goes to a further row ("lane") above, and the top
  // padding grows to fit the lanes. The legend's time value also names the phase under the cursor.
  var phases = model.phases || [];
  var LANE = 16, LABEL_FONT = '11px system-ui, sans-serif';
  var measureCtx = document.createElement('canvas').getContext('2d');
  function textWidth(text) { measureCtx.font = LABEL_FONT; return measureCtx.measureText(text).width; }
  function phaseAt(t) {
    for (var i = 0; i < phases.length; i++) {
      var p = phases[i];
      if (t >= p.startSec && (t < p.endSec || (i === phases.length - 1 && t <= p.endSec))) return p.name;
    }
    return null;
  }
  // Chaos windows: [fromSec, toSec) with faults on; the legend's time value names them too.
  var chaosWins = (model.chaos && model.chaos.windows) || [];
  var bucketSec = (S.downsampled && S.downsampled.bucketSec) || 1;
  function chaosAt(t) {
    var names = [];
    chaosWins.forEach(function (w, i) { if (w.fromSec < t + bucketSec && w.toSec > t) names.push('chaos ' + (i + 1)); });
    return names.join(', ');
  }
  function timeValue(u, v) {
    if (v == null) return '–';
    var name = phases.length > 1 ? phaseAt(v) : null;
    var chaos = chaosWins.length ? chaosAt(v) : '';
    return fmtTime(v) + (name ? ' · ' + name : '') + (chaos ? ' · ' + chaos : '');
  }
  // Label positions in CSS pixels: x of the name, its width w, the band's visible x0–x1, lane (0 = lowest).
  function layoutLabels(u) {
    var pr = window.devicePixelRatio || 1;
    var hasBox = u.bbox && u.bbox.width > 0;
    var left = hasBox ? u.bbox.left / pr : 60;
    var width = hasBox ? u.bbox.width / pr : Math.max(100, u.width - 60 - 12 - (closed ? 50 : 0));
    var sx = u.scales && u.scales.x;
    var lo = sx && sx.min != null ? sx.min : S.t[0] || 0;
    var hi = sx && sx.max != null ? sx.max : S.t[S.t.length - 1] || 1;
    if (!(hi > lo)) hi = lo + 1;
    function pos(v) { return left + ((v - lo) / (hi - lo)) * width; }
    // Per lane, where the last name and the last bracket end: a name needs 8 px after the previous
    // name; brackets (a row lower than the names) may touch.
    var textEnds = [], bracketEnds = [], labels = [];
    phases.forEach(function (p) {
      var x0 = Math.max(left, pos(p.startSec)), x1 = Math.min(left + width, pos(p.endSec));
      if (x1 < x0 || pos(p.endSec) < left || pos(p.startSec) > left + width) return;
      var w = textWidth(p.name);
      var x = Math.max(left, Math.min(x0 + 3, left + width - w));
      var lane = 0;
      while (lane < textEnds.length && (textEnds[lane] + 8 > x || bracketEnds[lane] > x0 + 0.5)) lane++;
      textEnds[lane] = x + w;
      bracketEnds[lane] = x1;
      labels.push({ name: p.name, x: x, w: w, x0: x0, x1: x1, lane: lane });
    });
    return { labels: labels, lanes: textEnds.length };
  }
  function topPadding(u) {
    if (phases.length < 2) return 10;
    return 6 + Math.max(1, layoutLabels(u).lanes) * LANE;
  }
  function phasePlugin() {
    function span(u, p) {
      var x0 = Math.max(u.bbox.left, u.valToPos(p.startSec, 'x', true));
      var x1 = Math.min(u.bbox.left + u.bbox.width, u.valToPos(p.endSec, 'x', true));
      return [x0, x1];
    }
    return {
      hooks: {
        drawClear: [function (u) {
          if (phases.length < 2) return;
          var ctx = u.ctx;
          ctx.save();
          phases.forEach(function (p, i) {
            var s = span(u, p);
            if (s[1] <= s[0]) return;
            if (i % 2 === 1) {
              ctx.fillStyle = 'rgba(100,116,139,0.07)';
              ctx.fillRect(s[0], u.bbox.top, s[1] - s[0], u.bbox.height);
            }
            if (i > 0) {
              ctx.strokeStyle = 'rgba(100,116,139,0.45)';
              ctx.setLineDash([4, 4]);
              ctx.lineWidth = 1;
              ctx.beginPath();
              ctx.moveTo(Math.round(s[0]) + 0.5, u.bbox.top);
              ctx.lineTo(Math.round(s[0]) + 0.5, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
          });
          ctx.restore();
        }],
        draw: [function (u) {
          if (phases.length < 2) return;
          var ctx = u.ctx, pr = window.devicePixelRatio || 1;
          var layout = layoutLabels(u);
          var top = u.bbox.top / pr;
          ctx.save();
          ctx.font = (11 * pr) + 'px system-ui, sans-serif';
          ctx.fillStyle = '#475569';
          ctx.strokeStyle = 'rgba(71,85,105,0.6)';
          ctx.lineWidth = pr;
          ctx.textAlign = 'left'; // uPlot leaves the axes' alignment on the context
          ctx.textBaseline = 'top';
          layout.labels.forEach(function (l) {
            var y = top - 2 - (l.lane + 1) * LANE;
            ctx.fillText(l.name, l.x * pr, y * pr);
            // The bracket: |‾‾‾| under the name across the band's visible extent.
            var by = Math.round((y + 13) * pr) + 0.5, a = Math.round((l.x0 + 1) * pr) + 0.5, b = Math.round((l.x1 - 1) * pr) - 0.5;
            ctx.beginPath();
            ctx.moveTo(a, by + 3 * pr);
            ctx.lineTo(a, by);
            ctx.lineTo(Math.max(a, b), by);
            ctx.lineTo(Math.max(a, b), by + 3 * pr);
            ctx.stroke();
            l.y = y;
          });
          ctx.restore();
          // Where the names went (CSS px), for tests and for anyone inspecting the page.
          u.root.setAttribute('data-phase-labels', JSON.stringify(layout.labels));
          // More lanes than the padding made room for (first layout was an estimate): lay out again.
          if (topPadding(u) !== u._padding[0] && !u._capplanRelaid) {
            u._capplanRelaid = true;
            requestAnimationFrame(function () { u.setSize({ width: u.width, height: u.height }); });
          }
        }]
      }
    };
  }

  // A red band over each chaos window, with its name at the band's top left inside the plot.
  function chaosPlugin() {
    return {
      hooks: {
        drawClear: [function (u) {
          if (!chaosWins.length) return;
          var ctx = u.ctx;
          ctx.save();
          chaosWins.forEach(function (w) {
            var x0 = Math.max(u.bbox.left, u.valToPos(w.fromSec, 'x', true));
            var x1 = Math.min(u.bbox.left + u.bbox.width, u.valToPos(w.toSec, 'x', true));
            if (x1 <= x0) return;
            ctx.fillStyle = 'rgba(220,38,38,0.10)';
            ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
            ctx.fillStyle = 'rgba(220,38,38,0.55)';
            ctx.fillRect(Math.round(x0), u.bbox.top, 1, u.bbox.height);
            ctx.fillRect(Math.round(x1) - 1, u.bbox.top, 1, u.bbox.height);
          });
          ctx.restore();
        }],
        draw: [function (u) {
          if (!chaosWins.length) return;
          var ctx = u.ctx, pr = window.devicePixelRatio || 1, bands = [];
          ctx.save();
          ctx.font = 'bold ' + (11 * pr) + 'px system-ui, sans-serif';
          ctx.textAlign = 'left';
          ctx.textBaseline = 'top';
          chaosWins.forEach(function (w, i) {
            var x0 = Math.max(u.bbox.left, u.valToPos(w.fromSec, 'x', true));
            var x1 = Math.min(u.bbox.left + u.bbox.width, u.valToPos(w.toSec, 'x', true));
            if (x1 <= x0) return;
            var label = 'chaos ' + (i + 1), tw = ctx.measureText(label).width;
            var x = Math.min(x0 + 3 * pr, u.bbox.left + u.bbox.width - tw - 3 * pr), y = u.bbox.top + 3 * pr;
            ctx.fillStyle = 'rgba(255,255,255,0.85)';
            ctx.fillRect(x - 2 * pr, y - pr, tw + 4 * pr, 14 * pr);
            ctx.fillStyle = '#b91c1c';
            ctx.fillText(label, x, y);
            bands.push({ label: label, fromSec: w.fromSec, toSec: w.toSec, x0: x0 / pr, x1: x1 / pr });
          });
          ctx.restore();
          // Where the bands went (CSS px), for tests and for anyone inspecting the page.
          u.root.setAttribute('data-chaos-bands', JSON.stringify(bands));
        }]
      }
    };
  }

  function timeAxis() {
    return { incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400], values: function (u, splits) { return splits.map(fmtTime); }, label: 'time since start (m:ss)', labelSize: 18, size: 34, labelFont: '12px system-ui, sans-serif' };
  }
  function yAxis(label) {
    return { label: label, labelSize: 22, labelFont: '12px system-ui, sans-serif', size: 56, values: axisFmt };
  }
  function zeroBased(u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; }

  function create(id, opts, data) {
    var el = document.getElementById(id);
    opts.width = Math.max(280, el.clientWidth);
    if (!opts.padding) opts.padding = [topPadding, 12, 0, 0];
    opts.height = HEIGHT;
    var u = new uPlot(opts, data, el);
    charts.push({ u: u, el: el });
    return u;
  }

  function scope(i) { return i < 0 ? S.total : S.endpoints[i]; }
  var closed = model.profile.model === 'closed';

  function rateData(s) {
    var d = [S.t, s.target, s.achieved];
    if (closed) d.push(S.activeUsers);
    return d;
  }
  function latencyData(s) { return [S.t, s.p50, s.p90, s.p99, s.p999, s.max]; }
  function errorData(s) { return [S.t, s.errors, s.backpressure, s.dropped, s.late]; }

  var sync = { key: 'capplan-time' };
  var cursor = { sync: sync, drag: { x: true, y: false } };
  var stepped = uPlot.paths && uPlot.paths.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined;

  var rateSeries = [
    { label: 'time', value: timeValue },
    { label: closed ? 'iterations started' : 'target', stroke: C.target, width: W, dash: [6, 4], value: unit('/s') },
    { label: 'achieved', stroke: C.achieved, width: W, fill: alpha(C.achieved, 0.08), value: unit('/s') }
  ];
  var rateAxes = [timeAxis(), yAxis('requests per second')];
  var rateScales = { x: { time: false }, y: { range: zeroBased } };
  if (closed) {
    rateSeries.push({ label: 'active users', stroke: C.users, width: 1.5, scale: 'users', value: unit('users') });
    rateAxes.push({ scale: 'users', side: 1, label: 'users', labelSize: 22, size: 50, grid: { show: false } });
    rateScales.users = { range: zeroBased };
  }
  var rateChart = create('chart-rate', { series: rateSeries, axes: rateAxes, scales: rateScales, cursor: cursor, plugins: [phasePlugin(), chaosPlugin()] }, rateData(S.total));

  var latChart = create('chart-latency', {
    series: [
      { label: 'time', value: timeValue },
      { label: 'p50', stroke: C.p50, width: W, value: unit('ms') },
      { label: 'p90', stroke: C.p90, width: W, value: unit('ms') },
      { label: 'p99', stroke: C.p99, width: W, value: unit('ms') },
      { label: 'p99.9', stroke: C.p999, width: 1.5, show: false, value: unit('ms') },
      { label: 'max', stroke: C.max, width: 1, dash: [2, 3], show: false, value: unit('ms') }
    ],
    axes: [timeAxis(), yAxis('latency (ms)')],
    scales: { x: { time: false }, y: { range: zeroBased } },
    cursor: cursor,
    plugins: [phasePlugin(), chaosPlugin()]
  }, latencyData(S.total));

  var errChart = create('chart-errors', {
    series: [
      { label: 'time', value: timeValue },
      { label: 'errors', stroke: C.errors, width: 2, fill: alpha(C.errors, 0.12), paths: stepped, value: unit('/s') },
      { label: '429/503', stroke: C.backpressure, width: 2, fill: alpha(C.backpressure, 0.12), paths: stepped, value: unit('/s') },
      { label: 'dropped', stroke: C.dropped, width: 2, fill: alpha(C.dropped, 0.10), paths: stepped, value: unit('/s') },
      { label: 'late', stroke: C.late, width: 1.5, paths: stepped, value: unit('/s') }
    ],
    axes: [timeAxis(), yAxis('per second')],
    scales: { x: { time: false }, y: { range: function (u, min, max) { return [0, Math.max(4, max * 1.15)]; } } },
    cursor: cursor,
    plugins: [phasePlugin(), chaosPlugin()]
  }, errorData(S.total));

  // HDR percentile curve: every distribution sits on the same 10-per-decade grid of x = 1/(1 − p),
  // plus its own maximum; join the x values and leave gaps that spanGaps bridges.
  (function () {
    var svc = model.serviceDistribution && model.serviceDistribution.count > 0 ? model.serviceDistribution : null;
    var dists = model.distributions.filter(function (d) { return d.count > 0; });
    if (svc && dists.length) dists = dists.concat([svc]);
    var xsSet = {};
    dists.forEach(function (d) { d.points.forEach(function (pt) { xsSet[(1 / (1 - pt.percentile / 100)).toPrecision(10)] = true; }); });
    var xs = Object.keys(xsSet).map(Number).sort(function (a, b) { return a - b; });
    var index = {};
    xs.forEach(function (x, i) { index[x.toPrecision(10)] = i; });
    var data = [xs];
    var series = [{ label: 'percentile', value: function (u, v) { return v == null ? '–' : pctOfX(v); } }];
    dists.forEach(function (d, k) {
      var col = xs.map(function () { return null; });
      d.points.forEach(function (pt) { col[index[(1 / (1 - pt.percentile / 100)).toPrecision(10)]] = pt.valueMs; });
      data.push(col);
      var isTotal = k === 0;
      var isService = svc !== null && d === svc;
      series.push({
        label: isService ? 'service time, all (from actual send)' : isTotal ? 'all endpoints' : d.name,
        stroke: isService ? '#64748b' : isTotal ? '#0f172a' : PALETTE[(k - 1) % PALETTE.length],
        width: isTotal || isService ? 2.5 : 1.75,
        dash: isService ? [6, 4] : undefined,
        spanGaps: true,
        value: unit('ms')
      });
    });
    var maxX = xs.length ? xs[xs.length - 1] : 10;
    var xMax = Math.max(10, Math.pow(10, Math.ceil(Math.log10(maxX) - 1e-9)));
    create('chart-distribution', {
      series: series,
      axes: [
        {
          label: 'percentile (log scale of 1 / (1 − p))', labelSize: 18, size: 34, labelFont: '12px system-ui, sans-serif',
          splits: function () { var s = [], x = 1; while (x <= xMax * 1.0001) { s.push(x); x *= 10; } return s; },
          values: function (u, splits) { return splits.map(pctOfX); }
        },
        yAxis('latency (ms)')
      ],
      scales: {
        x: { time: false, distr: 3, log: 10, range: function () { return [1, xMax]; } },
        y: { range: zeroBased }
      },
      cursor: { drag: { x: true, y: false } },
      padding: [10, 26, 0, 0]
    }, data);
  })();

  // Monitored server series: one chart per unit (bytes → MiB, seconds → ms, ratio → %), the same
  // x values as the load's charts (model.monitorColumns are aligned to S.t); gaps are bridged.
  (function () {
    var cols = (model.monitorColumns || []).filter(function (c) { return c.chart; });
    var SCALE = { bytes: [1 / 1048576, 'MiB', 'MiB'], seconds: [1000, 'ms', 'ms'], ratio: [100, '%', '%'], count: [1, '', 'value'] };
    var sources = {};
    cols.forEach(function (c) { sources[c.source] = true; });
    var manySources = Object.keys(sources).length > 1;
    // Memory, times, gauges, ratios: the order of the figures html.ts wrote (MONITOR_UNIT_ORDER).
    var units = ['bytes', 'seconds', 'count', 'ratio'].filter(function (u) { return cols.some(function (c) { return c.unit === u; }); });
    units.forEach(function (unitName) {
      var sc = SCALE[unitName] || SCALE.count;
      var mine = cols.filter(function (c) { return c.unit === unitName; });
      var series = [{ label: 'time', value: timeValue }];
      var data = [S.t];
      mine.forEach(function (c, k) {
        series.push({ label: c.series + (manySources ? ' @ ' + c.source : ''), stroke: PALETTE[k % PALETTE.length], width: W, spanGaps: true, value: sc[1] ? unit(sc[1]) : function (_u, v) { return fmt(v); } });
        data.push(c.values.map(function (v) { return v == null ? null : v * sc[0]; }));
      });
      create('chart-monitor-' + unitName, {
        series: series,
        axes: [timeAxis(), yAxis(sc[2])],
        scales: { x: { time: false }, y: { range: zeroBased } },
        cursor: cursor,
        plugins: [phasePlugin(), chaosPlugin()]
      }, data);
    });
  })();

  var select = document.getElementById('scope');
  S.endpoints.forEach(function (s, i) { select.appendChild(new Option(s.name, String(i))); });
  select.addEventListener('change', function () {
    var s = scope(Number(select.value));
    rateChart.setData(rateData(s));
    latChart.setData(latencyData(s));
    errChart.setData(errorData(s));
    var label = Number(select.value) < 0 ? 'all endpoints' : s.name;
    document.querySelectorAll('.scope-name').forEach(function (el) { el.textContent = label; });
  });

  var pending = 0;
  window.addEventListener('resize', function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () {
      charts.forEach(function (c) { c.u.setSize({ width: Math.max(280, c.el.clientWidth), height: HEIGHT }); });
    });
  });
  document.documentElement.setAttribute('data-charts', String(charts.length));
})();
`;
