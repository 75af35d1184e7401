#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: `config` parses the file, resolves anchors and variables
# and checks it against the Compose schema. Then checks that every VMA_* variable it sets is a real setting,
# since the settings loader silently ignores environment variables it does not know (a typo would go unnoticed).
# Then checks the monitoring files the compose file mounts: docker/prometheus/prometheus.yml (YAML, scrapes the scorer
# and the trainer at /metrics every 5 s), Grafana's provisioning (datasource uid `prometheus`) and every dashboard JSON
# under docker/grafana (parses; every panel, target and variable uses datasource uid `prometheus`; every vma_* metric
# in an expression is one the roles export). Exits non-zero with the reasons on the first failing group of checks.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  if ! command -v docker-compose >/dev/null 2>&1; then
    echo "validate-compose: installing Debian's docker-compose (no Docker engine is needed for \`config\`)"
    apt-get update -qq
    # Without recommends: they would pull in the Docker engine itself.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
  fi
  compose=(docker-compose)
fi

"${compose[@]}" -f docker-compose.yml config -q

defaults=runtime/src/main/resources/vma-defaults.properties
known=$(sed -n 's/^\([a-z][a-z0-9.-]*\)=.*/\1/p' "$defaults" | tr 'a-z.-' 'A-Z__' | sed 's/^/VMA_/' | sort -u)
used=$("${compose[@]}" -f docker-compose.yml config | { grep -oE '\bVMA_[A-Z0-9_]+' || true; } | sort -u)
unknown=$(comm -23 <(echo "$used") <(echo "$known"))
if [[ -n "$unknown" ]]; then
  echo "validate-compose: docker-compose.yml sets variables that are not settings in $defaults:" >&2
  echo "$unknown" >&2
  exit 1
fi
echo "validate-compose: docker-compose.yml is valid ($("${compose[@]}" version --short 2>/dev/null || echo compose)," \
  "$(echo "$used" | wc -l) VMA_* settings, all known)"

# --- Monitoring files -------------------------------------------------------------------------------------------------
dashboards=()
while IFS= read -r -d '' f; do dashboards+=("$f"); done < <(find docker/grafana -name '*.json' -print0 | sort -z)
if [[ ${#dashboards[@]} -eq 0 ]]; then
  echo "validate-compose: no dashboard JSON under docker/grafana" >&2
  exit 1
fi
for f in "${dashboards[@]}"; do
  if ! python3 -m json.tool "$f" >/dev/null; then
    echo "validate-compose: $f is not valid JSON" >&2
    exit 1
  fi
done

# A python3 with PyYAML: the one on PATH, else the system one, else the system one after installing python3-yaml.
py=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
    py=$candidate
    break
  fi
done
if [[ -z "$py" ]]; then
  echo "validate-compose: installing Debian's python3-yaml (to parse prometheus.yml and provisioning files)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-yaml >/dev/null
  py=/usr/bin/python3
fi

trap 'rm -f "${TMPDIR:-/tmp}/vma-compose-config.$$.yml"' EXIT
"${compose[@]}" -f docker-compose.yml config > "${TMPDIR:-/tmp}/vma-compose-config.$$.yml"
"$py" - "${TMPDIR:-/tmp}/vma-compose-config.$$.yml" "${dashboards[@]}" <<'PY'
import json, os, re, sys
import yaml

compose_config, dashboards = sys.argv[1], sys.argv[2:]
errors = []

def load_yaml(path):
    try:
        with open(path) as f:
            return yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        errors.append(f"{path}: not valid YAML: {e}")
        return None

def seconds(duration):
    m = re.fullmatch(r"(\d+)(ms|s|m|h)", str(duration))
    return None if m is None else int(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[m.group(2)]

# Prometheus: scrapes scorer:8080 and trainer:8080 at /metrics every 5 s, with a timeout within the interval.
prom_path = "docker/prometheus/prometheus.yml"
prom = load_yaml(prom_path)
if isinstance(prom, dict):
    glob = prom.get("global") or {}
    scraped = set()
    for job in prom.get("scrape_configs") or []:
        interval = job.get("scrape_interval", glob.get("scrape_interval", "1m"))
        timeout = job.get("scrape_timeout", glob.get("scrape_timeout", "10s"))
        if seconds(interval) is None or seconds(timeout) is None:
            errors.append(f"{prom_path}: job {job.get('job_name')}: bad duration {interval!r} or {timeout!r}")
            continue
        # Prometheus refuses a configured timeout longer than the interval.
        if ("scrape_timeout" in job or "scrape_timeout" in glob) and seconds(timeout) > seconds(interval):
            errors.append(f"{prom_path}: job {job.get('job_name')}: scrape_timeout {timeout} > scrape_interval {interval}")
        for sc in job.get("static_configs") or []:
            for target in sc.get("targets") or []:
                scraped.add((target, job.get("metrics_path", "/metrics"), seconds(interval)))
    for target in ("scorer:8080", "trainer:8080"):
        if (target, "/metrics", 5) not in scraped:
            errors.append(f"{prom_path}: does not scrape {target} at /metrics every 5s")
elif prom is not None:
    errors.append(f"{prom_path}: not a mapping")

# Grafana provisioning: a Prometheus datasource with uid `prometheus` at the compose service, and a file provider.
ds_path = "docker/grafana/provisioning/datasources/prometheus.yml"
ds = load_yaml(ds_path)
if ds is not None and not any(d.get("uid") == "prometheus" and d.get("type") == "prometheus"
                              and d.get("url") == "http://prometheus:9090" for d in (ds or {}).get("datasources") or []):
    errors.append(f"{ds_path}: no datasource of type prometheus with uid prometheus and url http://prometheus:9090")
prov_path = "docker/grafana/provisioning/dashboards/vma.yml"
prov = load_yaml(prov_path)
provider_paths = [p.get("options", {}).get("path") for p in (prov or {}).get("providers") or [] if p.get("type") == "file"]
if prov is not None and not provider_paths:
    errors.append(f"{prov_path}: no file dashboard provider")

# The compose file mounts what exists, and the provider reads where the dashboards are mounted.
config = load_yaml(compose_config) or {}
here = os.getcwd()
mounted = {}
for name, service in (config.get("services") or {}).items():
    for volume in service.get("volumes") or []:
        if isinstance(volume, str):
            parts = volume.split(":")
            source, target = parts[0], parts[1] if len(parts) > 1 else parts[0]
        else:
            source, target = volume.get("source", ""), volume.get("target", "")
        if source.startswith(os.path.join(here, "docker")):
            mounted[target] = source
            if not os.path.exists(source):
                errors.append(f"docker-compose.yml: service {name} mounts {source}, which does not exist")
for path in provider_paths:
    if path not in mounted:
        errors.append(f"{prov_path}: provider path {path} is not a directory the compose file mounts from docker/")

# Dashboards: datasource uid `prometheus` everywhere, and only vma_* metrics the roles export.
summaries = ["vma_score_surprise", "vma_score_kl_address", "vma_score_kl_latent", "vma_score_reconstruction_cost",
             "vma_score_address_entropy", "vma_score_entries_told_apart", "vma_scorer_batch_size",
             "vma_scorer_batch_time_seconds", "vma_score_novelty", "vma_score_p_value"]
known = {"vma_score_events_total", "vma_score_anomalies_total", "vma_memory_changes_total", "vma_deadletters_total",
         "vma_trainer_steps_total",
         "vma_memory_size", "vma_scorer_model_version", "vma_trainer_published_version", "vma_trainer_bound",
         "vma_trainer_kl_address", "vma_trainer_kl_latent", "vma_trainer_steps_per_second", "vma_trainer_buffer_size",
         "vma_score_anomaly_rate_target", "vma_references_scorings_total", "vma_references_size",
         "vma_memory_reads_top10_share"}
for base in summaries:
    known |= {base, base + "_count", base + "_sum", base + "_max"}
known |= {"vma_scorer_latency_seconds" + s for s in ("", "_count", "_sum", "_max", "_bucket")}

def check_ds(where, ds):
    uid = ds.get("uid") if isinstance(ds, dict) else ds
    if uid != "prometheus":
        errors.append(f"{where}: datasource {ds!r}, expected uid prometheus")

def check_expr(where, expr):
    # Label values and strings are not metric names: drop quoted text first.
    for name in re.findall(r"\bvma_[A-Za-z0-9_:]*", re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)):
        if name not in known:
            errors.append(f"{where}: unknown metric {name}")

def walk(path, panels):
    for panel in panels:
        where = f"{path}: panel {panel.get('title')!r}"
        if panel.get("type") != "row":
            if "datasource" in panel:
                check_ds(where, panel["datasource"])
            if not panel.get("targets"):
                errors.append(f"{where}: no targets")
        for target in panel.get("targets") or []:
            twhere = f"{where} target {target.get('refId')}"
            if "datasource" not in target:
                errors.append(f"{twhere}: no datasource")
            else:
                check_ds(twhere, target["datasource"])
            check_expr(twhere, target.get("expr", ""))
        walk(path, panel.get("panels") or [])

for path in dashboards:
    with open(path) as f:
        dash = json.load(f)
    if not isinstance(dash, dict) or not dash.get("uid") or not dash.get("title"):
        errors.append(f"{path}: not a dashboard with a uid and a title")
        continue
    walk(path, dash.get("panels") or [])
    for var in (dash.get("templating") or {}).get("list") or []:
        if var.get("type") == "query":
            check_ds(f"{path}: variable {var.get('name')}", var.get("datasource"))
            query = var.get("query")
            check_expr(f"{path}: variable {var.get('name')}", query.get("query", "") if isinstance(query, dict) else str(query))

if errors:
    print("validate-compose: monitoring files are not valid:", file=sys.stderr)
    for e in errors:
        print("  " + e, file=sys.stderr)
    sys.exit(1)
print(f"validate-compose: monitoring files are valid (prometheus.yml, Grafana provisioning, {len(dashboards)} dashboard(s))")
PY
