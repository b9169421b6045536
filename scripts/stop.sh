#!/usr/bin/env bash
# npm stop: stop what `npm start -- --detach` left running.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --import tsx scripts/platform.ts stop
