/** The one stylesheet of report.html and index.html (inline: the files must work offline). */
export const stylesheet = `
:root { --pass: #1f8a4c; --fail: #c62828; --abort: #b26a00; --error: #6a1b9a; --muted: #5f6b7a;
  --line: #d9dee5; --bg: #f6f8fa; --fault: #f5a623; --detect: #1565c0; --recover: #1f8a4c; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2733; background: #fff; }
main { max-width: 1120px; margin: 0 auto; padding: 0 24px 48px; }
h1 { font-size: 22px; margin: 0; word-break: break-word; }
h2 { font-size: 17px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 8px; }
.muted, .note { color: var(--muted); }
.note { font-size: 12px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); font-weight: 600; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.banner { margin: 0 -24px 8px; padding: 20px 24px; color: #fff; }
.banner.passed { background: var(--pass); } .banner.failed { background: var(--fail); }
.banner.aborted { background: var(--abort); } .banner.error { background: var(--error); }
.banner .verdict { font-size: 13px; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; opacity: .9; }
.banner ul { margin: 8px 0 0; padding-left: 20px; } .banner .meta { margin-top: 8px; font-size: 13px; opacity: .9; }
.status { display: inline-block; min-width: 92px; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; text-align: center; }
.status.passed { background: #e3f4ea; color: var(--pass); } .status.failed { background: #fde8e8; color: var(--fail); }
.status.not-measured, .status.aborted { background: #fff2dd; color: var(--abort); } .status.error { background: #f1e4f6; color: var(--error); }
.status.regression { background: #fde8e8; color: var(--fail); }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.figure .label { font-size: 12px; color: var(--muted); } .figure .value { font-size: 18px; font-weight: 600; }
.chart { width: 100%; height: auto; display: block; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.chart text { font: 11px system-ui, sans-serif; fill: #1d2733; } .chart .axis text { fill: var(--muted); }
.chart .grid { stroke: #eef1f4; } .chart .lane-sep { stroke: var(--line); }
.chart .pass { fill: var(--pass); } .chart .fail { fill: var(--fail); }
.chart .fault-window { fill: var(--fault); fill-opacity: .16; stroke: var(--fault); stroke-opacity: .6; }
.chart .latency { fill: none; stroke: #455a64; stroke-width: 1.2; }
.chart .marker { stroke-width: 1.5; } .chart .marker.t0 { stroke: #1d2733; }
.chart .marker.impact { stroke: var(--fail); stroke-dasharray: 2 3; } .chart .marker.detected { stroke: var(--detect); stroke-dasharray: 5 3; }
.chart .marker.recovered { stroke: var(--recover); } .chart .trend { fill: none; stroke: var(--detect); stroke-width: 1.6; }
.chart .point { fill: var(--detect); } .chart .point.exceeded { fill: var(--abort); }
.chart .point.regression { fill: var(--fail); stroke: #fff; stroke-width: 1.5; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 12px; color: var(--muted); margin: 6px 0; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px; margin-right: 4px; }
details > summary { cursor: pointer; color: var(--muted); margin: 6px 0; }
.trends { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 12px; }
.trend { margin: 0; } .trend figcaption { margin-bottom: 4px; }
.banner.history { background: #37474f; }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
@media print { .banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;
