#include "evaluate/report_page.h"

namespace ersatz::evaluate {

const std::string_view kReportCss = R"css(
:root { --ink:#1d2430; --muted:#5b6575; --line:#dde2ea; --bg:#f6f7f9; --real:#3c6eb4; --syn:#e67828;
  --good:#1f8a4c; --ok:#7a8f1f; --mid:#c08a00; --bad:#c2410c; --worst:#b91c1c; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
  color:var(--ink); background:var(--bg); }
main { max-width:1180px; margin:0 auto; padding:24px 28px 60px; }
h1 { font-size:26px; margin:0 0 4px; } h2 { font-size:20px; margin:36px 0 8px; border-bottom:2px solid var(--line); padding-bottom:4px; }
h3 { font-size:15px; margin:18px 0 6px; }
p.lead, .muted { color:var(--muted); }
.cards { display:grid; grid-template-columns:repeat(auto-fill,minmax(200px,1fr)); gap:12px; margin:16px 0; }
.card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:12px 14px; }
.card .label { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
.card .value { font-size:28px; font-weight:650; margin:2px 0; }
.card .explain { font-size:12px; color:var(--muted); }
.grade { display:inline-block; padding:1px 8px; border-radius:10px; color:#fff; font-size:12px; font-weight:600; }
.g-Excellent { background:var(--good); } .g-Good { background:var(--ok); } .g-Moderate { background:var(--mid); }
.g-Poor { background:var(--bad); } .g-Very { background:var(--worst); } .g-None { background:#8a94a6; }
.g-Alarm { background:var(--worst); } .g-NoAlarm { background:var(--good); }
table.data { border-collapse:collapse; background:#fff; width:100%; margin:8px 0; }
table.data th, table.data td { border-bottom:1px solid var(--line); padding:4px 8px; text-align:left; }
table.data td.num { text-align:right; font-variant-numeric:tabular-nums; }
table.data th { font-size:12px; color:var(--muted); font-weight:600; }
.charts { display:grid; grid-template-columns:repeat(auto-fill,minmax(340px,1fr)); gap:12px; }
.chart { background:#fff; border:1px solid var(--line); border-radius:10px; padding:8px 10px; }
.chart h3 { margin:0 0 4px; font-size:14px; } .chart .box { position:relative; height:220px; }
.heatmaps { display:flex; flex-wrap:wrap; gap:18px; }
table.heat { border-collapse:collapse; font-size:10px; background:#fff; }
table.heat td { width:18px; height:18px; border:1px solid #fff; }
table.heat th { font-weight:500; color:var(--muted); white-space:nowrap; padding-right:4px; text-align:right; }
table.heat th.col { writing-mode:vertical-rl; transform:rotate(180deg); text-align:left; height:auto; padding:2px 0; }
.alarm { background:#fde8e8; border:1px solid #f5b5b5; border-radius:8px; padding:8px 12px; }
.fine { background:#e9f6ee; border:1px solid #b7e0c6; border-radius:8px; padding:8px 12px; }
dl.method dt { font-weight:600; margin-top:8px; } dl.method dd { margin:2px 0 0 16px; color:#333; }
.legend span { display:inline-block; width:12px; height:12px; vertical-align:middle; margin:0 4px 0 10px; border-radius:2px; }
)css";

const std::string_view kReportScript = R"js(
(function () {
  var errors = 0;
  window.addEventListener('error', function () { errors++; document.body.dataset.errors = errors; });
  function percent(v) { return v === null ? null : Math.round(v * 10000) / 100; }
  function hasPixels(canvas) {
    var ctx = canvas.getContext('2d');
    var px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    for (var i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
    return false;
  }
  function run() {
    var data = JSON.parse(document.getElementById('ersatz-data').textContent);
    var canvases = document.querySelectorAll('canvas[data-column]');
    var drawn = 0;
    document.body.dataset.errors = errors;
    canvases.forEach(function (canvas) {
      var column = data.fidelity.columns[Number(canvas.dataset.column)];
      var d = column.distribution;
      new Chart(canvas.getContext('2d'), {
        type: 'bar',
        data: { labels: d.bins, datasets: [
          { label: 'real', data: d.real.map(percent), backgroundColor: 'rgba(60,110,180,0.6)' },
          { label: 'synthetic', data: d.synthetic.map(percent), backgroundColor: 'rgba(230,120,40,0.6)' } ] },
        options: { animation: false, responsive: true, maintainAspectRatio: false,
          plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } },
            tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + c.parsed.y + '%'; } } } },
          scales: { y: { title: { display: true, text: '% of rows' }, beginAtZero: true },
            x: { ticks: { autoSkip: true, maxRotation: 60, font: { size: 10 } } } } }
      });
      if (hasPixels(canvas)) drawn++;
    });
    document.body.dataset.chartsExpected = canvases.length;
    document.body.dataset.chartsRendered = drawn;
    if (drawn === canvases.length && errors === 0) document.title += ' \u2014 charts ready';
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run); else run();
})();
)js";

}  // namespace ersatz::evaluate
