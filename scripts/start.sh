#!/usr/bin/env bash
# npm start: install what is missing, then bring the whole platform up (scripts/platform.ts).
# Pass --detach (npm start -- --detach) to return once everything is ready.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/provision/prerequisites.sh
if [[ ! -d node_modules/.bin || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[setup] npm install" >&2
  # npm install, not npm ci: this npm writes lockfiles without other platforms' optional
  # binaries (swc, turbo) and then refuses them in npm ci. The lockfile still pins versions.
  npm install --no-audit --no-fund --loglevel=error
fi
echo "[setup] generating Prisma clients" >&2
npx turbo run generate --output-logs=errors-only >/dev/null
exec node --import tsx scripts/platform.ts start "$@"
