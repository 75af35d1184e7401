// The live dashboard: polls /api/dashboard every second and redraws tiles, charts and recent events.
import uPlot from "uplot";

const WIDTH = 620;
const HEIGHT = 220;
const charts = {};

function number(value, digits) {
  return value === null || value === undefined || Number.isNaN(value) ? "-" : value.toFixed(digits);
}

function text(id, value) {
  document.getElementById(id).textContent = value;
}

function lineChart(id, series, yRange) {
  const opts = {
    width: WIDTH, height: HEIGHT,
    scales: { x: { time: true }, y: yRange ? { range: yRange } : {} },
    series: [{}].concat(series.map(([label, stroke]) => ({ label, stroke, width: 2 }))),
  };
  return new uPlot(opts, [[]].concat(series.map(() => [])), document.getElementById(id));
}

function barChart(id) {
  const opts = {
    width: WIDTH, height: HEIGHT,
    scales: { x: { time: false } },
    axes: [{ values: (u, ticks) => ticks.map((t) => (charts.readLabels || [])[t] || "") }, {}],
    series: [{}, { label: "reads", fill: "#7aa6d8", stroke: "#3d6fa8", paths: uPlot.paths.bars({ size: [0.8, 40] }) }],
  };
  return new uPlot(opts, [[], []], document.getElementById(id));
}

function drawDigit(pixels, shape) {
  const canvas = document.createElement("canvas");
  canvas.className = "digit";
  const rows = shape.length === 2 ? shape[0] : 1;
  const cols = shape.length === 2 ? shape[1] : pixels.length;
  canvas.width = cols;
  canvas.height = rows;
  const context = canvas.getContext("2d");
  const image = context.createImageData(cols, rows);
  for (let i = 0; i < pixels.length; i++) {
    const ink = 255 - Math.round(255 * pixels[i]);
    image.data.set([ink, ink, ink, 255], 4 * i);
  }
  context.putImageData(image, 0, 0);
  return canvas;
}

function captioned(canvas, caption) {
  const figure = document.createElement("figure");
  figure.appendChild(canvas);
  const label = document.createElement("figcaption");
  label.textContent = caption;
  figure.appendChild(label);
  return figure;
}

function renderRecent(recent) {
  const container = document.getElementById("recent");
  container.replaceChildren(...recent.map((event) => {
    const box = document.createElement("div");
    box.className = event.anomaly ? "event anomaly" : "event";
    const row = document.createElement("div");
    row.className = "row";
    row.appendChild(captioned(drawDigit(event.pixels, event.shape), "event " + number(event.bound, 1)));
    for (const address of event.top) {
      if (address.pixels) {
        const canvas = drawDigit(address.pixels, event.shape);
        canvas.title = "sample from " + address.exemplarId;
        canvas.addEventListener("click", () => loadSamples(event.memorySet, address.exemplarId, event.shape));
        row.appendChild(captioned(canvas, (address.label || "?") + " " + number(100 * address.probability, 0) + "%"));
      }
    }
    box.appendChild(row);
    return box;
  }));
}

async function loadSamples(memorySet, entry, shape) {
  const query = "?set=" + encodeURIComponent(memorySet) + "&entry=" + encodeURIComponent(entry) + "&count=8";
  const response = await fetch("../api/dashboard/samples" + query, { cache: "no-store" });
  const caption = document.getElementById("samples-caption");
  if (!response.ok) {
    caption.textContent = "cannot sample from " + entry + ": " + (await response.json()).error;
    return;
  }
  const data = await response.json();
  caption.textContent = "8 samples conditioned on " + data.entry + " (label " + (data.label || "?") + "), model version "
    + data.modelVersion;
  document.getElementById("samples").replaceChildren(...data.samples.map((pixels) => drawDigit(pixels, shape)));
}

function renderVersions(versions) {
  const body = document.querySelector("#versions tbody");
  body.replaceChildren(...versions.map((v) => {
    const row = document.createElement("tr");
    row.innerHTML = "<td>" + v.version + "</td><td>" + v.events + "</td>";
    return row;
  }));
}

function renderEvaluation(evaluation) {
  const section = document.getElementById("evaluation-section");
  section.hidden = !evaluation;
  if (!evaluation) {
    return;
  }
  text("evaluation-title", evaluation.title);
  text("evaluation-note", evaluation.note);
  const cells = (values, tag) => {
    const row = document.createElement("tr");
    row.replaceChildren(...values.map((value) => {
      const cell = document.createElement(tag);
      cell.textContent = value;
      return cell;
    }));
    return row;
  };
  document.querySelector("#evaluation thead").replaceChildren(cells(evaluation.columns, "th"));
  document.querySelector("#evaluation tbody").replaceChildren(...evaluation.rows.map((r) => cells(r, "td")));
}

function render(data) {
  text("events-total", String(data.eventsTotal));
  text("events-per-second", number(data.eventsPerSecond, 1));
  text("model-version", String(data.modelVersion));
  const last = data.series.length ? data.series[data.series.length - 1] : null;
  text("kl-address", last ? number(last.klAddress, 3) : "-");
  text("entries-told-apart", last ? number(Math.exp(last.klAddress), 2) : "-");
  text("kl-latent", last ? number(last.klLatent, 2) : "-");
  text("bound", last ? number(last.bound, 2) : "-");
  text("anomaly-rate", last ? number(100 * last.anomalyRate, 1) : "-");
  text("target-rate", last && last.targetRate !== null ? number(100 * last.targetRate, 1) : "fixed threshold");
  text("novelty", last && last.novelty !== null ? number(last.novelty, 2) : "-");
  const t = data.series.map((p) => p.t / 1000);
  charts.kl.setData([t, data.series.map((p) => p.klAddress), data.series.map((p) => p.klLatent)]);
  charts.bound.setData([t, data.series.map((p) => p.bound)]);
  charts.anomaly.setData([t, data.series.map((p) => 100 * p.anomalyRate),
    data.series.map((p) => (p.targetRate === null ? null : 100 * p.targetRate))]);
  charts.novelty.setData([t, data.series.map((p) => p.novelty)]);
  charts.readLabels = data.reads.map((r) => (r.label || "") + ":" + r.id.slice(-5));
  charts.reads.setData([data.reads.map((_, i) => i), data.reads.map((r) => r.reads)]);
  renderRecent(data.recent);
  renderVersions(data.modelVersions);
  renderEvaluation(data.evaluation);
  document.getElementById("status").textContent = "memory sets: " + data.memorySets.map(
    (m) => m.memorySet + " (" + m.size + " entries, version " + m.version + ")").join(", ");
}

async function refresh() {
  try {
    const response = await fetch("../api/dashboard", { cache: "no-store" });
    if (response.ok) {
      render(await response.json());
      document.body.dataset.updates = String(Number(document.body.dataset.updates) + 1);
    } else {
      document.getElementById("status").textContent = "the scorer answered " + response.status;
    }
  } catch (error) {
    document.getElementById("status").textContent = "cannot reach the scorer: " + error;
  }
}

charts.kl = lineChart("chart-kl", [["KL(a)", "#3d6fa8"], ["KL(z)", "#c77c2b"]]);
charts.bound = lineChart("chart-bound", [["bound", "#2b8a5a"]]);
charts.anomaly = lineChart("chart-anomaly", [["flagged %", "#d14"], ["target %", "#888"]], [0, 100]);
charts.novelty = lineChart("chart-novelty", [["novelty", "#7a3db8"]]);
charts.reads = barChart("chart-reads");
refresh();
setInterval(refresh, 1000);
