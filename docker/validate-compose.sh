#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: `config` parses the file, resolves anchors and variables
# and checks it against the Compose schema. Then checks that every VMA_* variable it sets is a real setting,
# since the settings loader silently ignores environment variables it does not know (a typo would go unnoticed).
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
