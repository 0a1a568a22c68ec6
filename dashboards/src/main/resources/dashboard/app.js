// The dashboard page: log in, choose line and period, drill from the nation to provinces and
// cities. Every number comes from the server's JSON, computed there with the shared metric
// definitions; this script only lays it out. Undefined values (empty denominators) show as "—".
"use strict";

const state = { me: null, path: [], rows: [], sortKey: "answer_rate", sortDesc: true, timer: null };
const $ = (id) => document.getElementById(id);

// Panels (figures, labels, formats, chart series) are defined in panels.json, reviewed like code.
let PANELS = null;
let COLUMNS = [];

async function loadPanels() {
  if (PANELS) return;
  PANELS = await (await fetch("/panels.json")).json();
  COLUMNS = PANELS.figures.columns.map((c) => [c.field, c.label, c.format, c.target]);
}

function fmt(v, kind) {
  if (v === null || v === undefined) return "—";
  if (kind === "pct") return (v * 100).toFixed(2) + "%";
  if (kind === "sec") return v.toFixed(1);
  return Number(v).toLocaleString("zh-CN");
}

async function api(path, options) {
  const r = await fetch(path, Object.assign({ credentials: "same-origin" }, options || {}));
  if (r.status === 401) { showLogin(); throw new Error("login"); }
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.status);
  return body;
}

function showLogin() { $("app").hidden = true; $("login").hidden = false; stopLive(); }

async function login(e) {
  e.preventDefault();
  const r = await fetch("/api/login", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user: $("user").value, password: $("password").value }),
  });
  const body = await r.json();
  if (!r.ok) { $("login-error").textContent = body.error; return; }
  start(body);
}

async function start(me) {
  await loadPanels();
  state.me = me;
  $("login").hidden = true; $("app").hidden = false;
  $("who").textContent = me.user + "（" + me.scope_name + "）";
  state.path = [{ code: me.role === "ministry" ? "000000" : me.scope, name: me.role === "ministry" ? "全国" : me.scope_name }];
  // Each role sees its own panels; the server refuses the rest whatever the page asks for.
  $("metrics").hidden = me.role === "operator";
  $("health-panel").hidden = me.role !== "operator";
  $("audit-panel").hidden = !(me.role === "auditor" || me.role === "ministry");
  if (me.role === "operator") { health(); state.timer = setInterval(health, 10000); return; }
  if (!$("audit-panel").hidden) audit();
  setPeriod();
  show();
}


async function health() {
  const h = await api("/api/health");
  const body = $("health").tBodies[0]; body.textContent = "";
  PANELS.health.rows.forEach(({ field: key, label }) => {
    const tr = document.createElement("tr"); tr.dataset.key = key;
    const th = document.createElement("th"); th.textContent = label;
    const td = document.createElement("td"); td.textContent = typeof h[key] === "number" ? fmt(h[key], "count") : (h[key] || "—");
    tr.append(th, td); body.append(tr);
  });
}

// The half-year audit of the user's scope: sample, scores imported so far, mean with its 95%
// interval and failures per centre — the bulletin's numbers, from the bulletin's loader.
async function audit(period) {
  const a = await api("/api/audit" + (period ? "?period=" + encodeURIComponent(period) : ""));
  const sel = $("audit-period");
  if (!period) {
    sel.textContent = "";
    a.periods.forEach((p) => { const o = document.createElement("option"); o.value = o.textContent = p; sel.append(o); });
    sel.onchange = () => audit(sel.value);
  }
  const head = $("audit").tHead; const body = $("audit").tBodies[0];
  head.textContent = ""; body.textContent = "";
  if (!a.centers.length) { $("audit-note").textContent = "本范围尚无抽检。"; return; }
  const tr = document.createElement("tr");
  ["中心", "可抽总体", "样本量", "已评分", "平均分", "95%置信区间", "不合格率"].forEach((h) => { const th = document.createElement("th"); th.textContent = h; tr.append(th); });
  head.append(tr);
  a.centers.forEach((c) => {
    const row = document.createElement("tr"); row.dataset.code = c.code;
    [c.name, fmt(c.population, "count"), fmt(c.sampled, "count"), fmt(c.scored, "count"),
      c.mean === null ? "—" : c.mean.toFixed(1),
      c.low === null ? "—" : c.low.toFixed(1) + "–" + c.high.toFixed(1), fmt(c.fail_rate, "pct")]
      .forEach((v) => { const td = document.createElement("td"); td.textContent = v; row.append(td); });
    body.append(row);
  });
  $("audit-note").textContent = a.period_name + "：评分以最近一次导入为准；通报见 hotline audit bulletin。";
}

function setPeriod() {
  const p = $("period").value;
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  if (p === "live" || p === "day") { $("from").value = $("to").value = today; }
  if (p === "month") { $("from").value = today.slice(0, 8) + "01"; $("to").value = today; }
  if (p === "year") { $("from").value = today.slice(0, 5) + "01-01"; $("to").value = today; }
}

function region() { return state.path[state.path.length - 1]; }

function params() {
  return new URLSearchParams({ line: $("line").value, region: region().code, from: $("from").value, to: $("to").value });
}

async function show() {
  stopLive();
  renderCrumbs();
  try {
    const o = await api("/api/overview?" + params());
    renderKpis(o.total);
    state.rows = o.children;
    renderRanking();
    $("note").textContent = "统计口径 " + o.definitions + "；" + o.from + " 至 " + o.to + "；“—”表示无数据（分母为零）。";
    if ($("period").value === "live") { await live(); state.timer = setInterval(live, 5000); }
    else { await trend(); }
    await topics();
    await alerts();
    await quality();
  } catch (e) { if (e.message !== "login") $("note").textContent = "出错：" + e.message; }
}

function stopLive() { if (state.timer) { clearInterval(state.timer); state.timer = null; } }

async function trend() {
  const days = (new Date($("to").value) - new Date($("from").value)) / 864e5;
  const by = days > 62 ? "month" : days < 2 ? "hour" : "day";
  const s = await api("/api/series?" + params() + "&by=" + by);
  // The same period a year earlier, overlaid where data exists (matched on month-day or month).
  const back = (d) => (parseInt(d.slice(0, 4), 10) - 1) + d.slice(4);
  const p = params(); p.set("from", back($("from").value)); p.set("to", back($("to").value));
  const prev = await api("/api/series?" + p + "&by=" + by);
  // Hours come from the minute table, which may not reach back a year; then nothing is overlaid.
  const prevBy = new Map(prev.map((x) => [x.period.slice(5), x.total_inbound]));
  drawChart(s.map((x) => x.period), s, true, prev.length ? s.map((x) => prevBy.get(x.period.slice(5)) ?? null) : null);
}

// Topics: the top categories and sub-categories, the top categories' shares over time, and what
// rose — all from the same trend function as `hotline trends` and the annual report.
async function topics() {
  const t = await api("/api/topics?" + params());
  $("topics-note").textContent = "已分类来电 " + fmt(t.classified, "count") + "，未分类 " + fmt(t.unclassified, "count") +
    "（不参与排名）；基期：" + t.baseline + "。";
  topicTable($("topic-categories"), t.categories);
  topicTable($("topic-subcategories"), t.subcategories);
  const list = $("topic-flagged"); list.textContent = "";
  if (!t.flagged.length) { const li = document.createElement("li"); li.textContent = "无"; list.append(li); }
  t.flagged.forEach((f) => {
    const li = document.createElement("li"); li.dataset.code = f.code; li.dataset.status = f.status;
    const when = f.from ? (f.from === f.to ? f.from : f.from + " 至 " + f.to) : "";
    li.textContent = f.status_name + "　" + f.code + " " + f.name + "　" + when + "　" + fmt(f.calls, "count") + " 通" +
      (f.expected !== null ? "，预测 " + fmt(f.expected, "count") + " 通（" + f.lift.toFixed(1) + " 倍）" : "");
    list.append(li);
  });
  const chart = echarts.getInstanceByDom($("topic-shares")) || echarts.init($("topic-shares"));
  chart.setOption({
    animation: false,
    title: { text: "前五位话题大类占比（按" + (t.shares.by === "day" ? "日" : "月") + "）", textStyle: { fontSize: 13 } },
    tooltip: { trigger: "axis" }, legend: { top: 22, data: t.shares.series.map((x) => x.name) },
    grid: { top: 60 }, xAxis: { type: "category", data: t.shares.periods },
    yAxis: { type: "value", name: "占比%" },
    series: t.shares.series.map((x) => ({ name: x.name, type: "line", data: x.values.map((v) => v === null ? null : +(v * 100).toFixed(2)) })),
  }, true);
}


// Alerts of the streaming job for the region (open first, then the last week's), and the
// recording join's figures per centre for the selected days.
async function alerts() {
  const a = await api("/api/alerts?" + params());
  const head = $("alerts").tHead; const body = $("alerts").tBodies[0];
  head.textContent = ""; body.textContent = "";
  const tr = document.createElement("tr");
  ["中心", "告警", "状态", "开始", "解除", "说明"].forEach((h) => { const th = document.createElement("th"); th.textContent = h; tr.append(th); });
  head.append(tr);
  a.alerts.forEach((x) => {
    const row = document.createElement("tr"); row.dataset.rule = x.rule; if (x.open) row.className = "open-alert";
    [x.center_name, PANELS.alerts.rules[x.rule] || x.rule, x.open ? "未解除" : "已解除", x.opened_at, x.cleared_at || "—", x.detail]
      .forEach((v) => { const td = document.createElement("td"); td.textContent = v; row.append(td); });
    body.append(row);
  });
  const rec = a.recordings.reduce((t, r) => ({ answered: t.answered + r.answered, without: t.without + r.without_recording,
    short: t.short + r.short_recordings, orphans: t.orphans + r.orphans }), { answered: 0, without: 0, short: 0, orphans: 0 });
  $("alerts-note").textContent = (a.alerts.length ? "" : "近7天无告警。") + "录音关联（所选日期）：接通 " + fmt(rec.answered, "count") +
    "，无录音 " + fmt(rec.without, "count") + "，录音明显短于通话 " + fmt(rec.short, "count") + "，无对应话单的录音 " + fmt(rec.orphans, "count") + "。";
}

function topicTable(table, rows) {
  const head = table.tHead; const body = table.tBodies[0];
  head.textContent = ""; body.textContent = "";
  const tr = document.createElement("tr");
  ["代码", "名称", "来电", "占比", "较基期"].forEach((h) => { const th = document.createElement("th"); th.textContent = h; tr.append(th); });
  head.append(tr);
  rows.forEach((r) => {
    const row = document.createElement("tr"); row.dataset.code = r.code;
    [r.code, r.name, fmt(r.calls, "count"), fmt(r.share, "pct"), r.lift === null ? "—" : ((r.lift - 1) * 100).toFixed(1) + "%"]
      .forEach((v) => { const td = document.createElement("td"); td.textContent = v; row.append(td); });
    body.append(row);
  });
}

async function quality() {
  const q = await api("/api/quality?" + params());
  const parts = ["数据截止（最新入库）：" + (q.data_cut_off || "—"), "迟到话单（已计入）：" + fmt(q.late_calls, "count")];
  if (q.dead_letters !== undefined) {
    parts.push("拒收记录：" + fmt(q.dead_letters, "count") +
      (q.dead_letter_reasons.length ? "（" + q.dead_letter_reasons.slice(0, 5).map((r) => r.kind + "/" + (r.field || "—") + " " + fmt(r.count, "count")).join("；") + "）" : ""));
  }
  $("quality").textContent = parts.join("　");
}

async function live() {
  const p = params(); p.delete("from"); p.delete("to");
  const live = await api("/api/live?" + p);
  const s = live.minutes;
  drawChart(s.map((m) => m.minute.slice(11, 16)), s, false);
  renderKpis(live.total);
  $("note").textContent = "今天实时（每5秒刷新）：截至 " + (s.length ? s[s.length - 1].minute : "—") + "，呼入 " + live.total.total_inbound.toLocaleString("zh-CN");
}

function drawChart(x, points, animate, previous) {
  const chart = echarts.getInstanceByDom($("trend")) || echarts.init($("trend"));
  const t = PANELS.trend;
  const value = (p, f) => p[f.field] === null ? null : f.percent ? +(p[f.field] * 100).toFixed(2) : p[f.field];
  const series = t.series.map((f) => ({ name: f.label, type: f.type, yAxisIndex: f.axis, data: points.map((p) => value(p, f)) }));
  if (previous) series.push({ name: t.previous_year.label, type: "line", lineStyle: { type: "dashed" }, data: previous });
  chart.setOption({
    animation: animate !== false,
    tooltip: { trigger: "axis" }, legend: { data: series.map((s) => s.name) },
    xAxis: { type: "category", data: x },
    yAxis: t.axes.map((a) => ({ type: "value", name: a.label, min: a.min, max: a.max })),
    series,
  }, true);
}

function renderCrumbs() {
  const c = $("crumbs"); c.textContent = "";
  state.path.forEach((r, i) => {
    if (i > 0) c.append(" › ");
    const a = document.createElement("a"); a.textContent = r.name;
    a.onclick = () => { state.path = state.path.slice(0, i + 1); show(); };
    c.append(a);
  });
}

// Below its configured target (panels.json names which figures have one; the server sends them).
function bad(key, v) {
  const column = COLUMNS.find((c) => c[0] === key);
  const target = column && column[3] ? state.me.targets[column[3]] : undefined;
  return v !== null && v !== undefined && target !== undefined && v < target;
}

function renderKpis(total) {
  const k = $("kpis"); k.textContent = "";
  COLUMNS.forEach(([key, label, kind]) => {
    const d = document.createElement("div"); d.className = "kpi" + (bad(key, total[key]) ? " bad" : "");
    d.dataset.key = key;
    const v = document.createElement("div"); v.className = "v"; v.textContent = fmt(total[key], kind);
    const l = document.createElement("div"); l.textContent = label;
    d.append(v, l); k.append(d);
  });
}

function renderRanking() {
  const head = $("ranking").tHead; const body = $("ranking").tBodies[0];
  head.textContent = ""; body.textContent = "";
  $("ranking-title").textContent = state.rows.length ? "排名（点击列名排序，点击名称下钻；红色低于目标）" : "";
  const tr = document.createElement("tr");
  [["name", "地区"]].concat(COLUMNS).forEach(([key, label]) => {
    const th = document.createElement("th"); th.textContent = label;
    th.onclick = () => { state.sortDesc = state.sortKey === key ? !state.sortDesc : true; state.sortKey = key; renderRanking(); };
    tr.append(th);
  });
  head.append(tr);
  const rows = state.rows.slice().sort((a, b) => {
    const x = a[state.sortKey], y = b[state.sortKey];
    if (x === y) return 0; if (x === null) return 1; if (y === null) return -1;
    return (x < y ? -1 : 1) * (state.sortDesc ? -1 : 1);
  });
  rows.forEach((r) => {
    const row = document.createElement("tr"); row.dataset.code = r.code;
    const drill = r.code !== region().code;
    if (drill) row.className = "drill";
    const name = document.createElement("td"); name.textContent = r.name;
    if (drill) name.onclick = () => { state.path.push({ code: r.code, name: r.name }); show(); };
    row.append(name);
    COLUMNS.forEach(([key, , kind]) => {
      const td = document.createElement("td"); td.textContent = fmt(r[key], kind);
      td.dataset.key = key; if (bad(key, r[key])) td.className = "bad";
      row.append(td);
    });
    body.append(row);
  });
}

document.addEventListener("DOMContentLoaded", async () => {
  $("login-form").addEventListener("submit", login);
  $("logout").onclick = async () => { await fetch("/api/logout", { method: "POST" }); showLogin(); };
  $("period").onchange = setPeriod;
  $("show").onclick = show;
  try { start(await api("/api/me")); } catch (e) { showLogin(); }
});
