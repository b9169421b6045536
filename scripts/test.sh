#!/usr/bin/env bash
# npm test: the whole suite on a fresh machine. Installs what is missing (system packages,
# npm dependencies), generates the Prisma clients, checks lint and types, then runs the
# unit tests and the integration tests on the real substrate (PostgreSQL, Kafka, the Dapr
# Scheduler, daprd sidecars and Mailpit, all provisioned by jest's globalSetup).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
section() { printf '\n== %s (%ss)\n' "$1" "$((SECONDS - started))" >&2; }

# The files whose behaviour depends most on dates: rerun a year ahead at the end.
CLOCK_CHECK_FILES=(
  tests/e2e/tasks.int.test.ts
  tests/contracts/web-tasks.int.test.ts
  tests/platform/recurring-tasks.int.test.ts
  tests/platform/reminders.int.test.ts
  services/tasks/src/routes/tasks.int.test.ts
  '(?<!\.int)\.test\.ts$' # every unit test
)

section "prerequisites"
bash scripts/provision/prerequisites.sh
if [[ ! -d node_modules/.bin || package-lock.json -nt node_modules/.package-lock.json ]]; then
  # npm install, not npm ci: this npm writes lockfiles without other platforms' optional
  # binaries (swc, turbo) and then refuses them in npm ci. The lockfile still pins versions.
  npm install --no-audit --no-fund --loglevel=error
fi
section "dapr binaries, mailpit"
bash scripts/provision/dapr.sh >/dev/null
bash scripts/provision/mailpit.sh >/dev/null
section "generate"
npm run --silent generate
section "lint"
npm run --silent lint
section "typecheck"
npm run --silent typecheck
section "web bundle budget"
npm run --silent build -w @daybook/web -- --logLevel warn
npm run --silent check:bundle -w @daybook/web
section "kubernetes artefacts"
bash scripts/validate-k8s.sh
section "tests"
# Integration tests spawn many processes; two workers keep a 2-core machine responsive.
npx jest --ci --maxWorkers=2 "$@"
if (( $# == 0 )); then
  section "tests a year ahead (no test may depend on the day it runs)"
  bash scripts/test-clock.sh year "${CLOCK_CHECK_FILES[@]}" --selectProjects unit integration
fi
section "done"
