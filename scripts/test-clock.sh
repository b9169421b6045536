#!/usr/bin/env bash
# The test suite with its clock moved, to prove that no test depends on the day it runs.
#
#   npm run test:clock -- year [jest arguments]   the clock one year ahead
#   npm run test:clock -- dst  [jest arguments]   the clock ten minutes before the next
#                                                 daylight-saving change in Europe/London and
#                                                 Europe/Paris (the zones the tests use), so
#                                                 the change happens during the run
#
# libfaketime moves the clock of the test runner and of every service it starts; the
# browser gets the same time through Playwright's clock (tests/e2e/stack.ts). PostgreSQL,
# Kafka, daprd and the Scheduler keep the real clock, as independent infrastructure would
# (packages/substrate strips the variables for them): services must never compare their
# own time with theirs. The substrate must already be provisioned (npm test does it).
set -euo pipefail
cd "$(dirname "$0")/.."
when=${1:-year}
shift || true
lib=$(dpkg -L libfaketime 2>/dev/null | grep -m1 'libfaketimeMT.so.1$' || true)
if [[ -z "$lib" ]]; then
  echo "[test:clock] libfaketime is missing: run scripts/provision/prerequisites.sh (apt-get install faketime)" >&2
  exit 1
fi
# Seconds to move the clock by: libfaketime's relative form keeps every process that the
# run starts, early or late, on one and the same moved clock.
offset=$(node -e '
  const { DateTime } = require("luxon");
  const now = DateTime.utc();
  let target;
  if (process.argv[1] === "year") target = now.plus({ years: 1 });
  else if (process.argv[1] === "dst") {
    // The next hour at which London changes its UTC offset (Paris changes at the same instant).
    let t = now.startOf("hour");
    const offsetAt = (x) => x.setZone("Europe/London").offset;
    while (offsetAt(t.plus({ hours: 1 })) === offsetAt(t)) t = t.plus({ hours: 1 });
    target = t.plus({ hours: 1 }).minus({ minutes: 10 });
  } else {
    console.error(`unknown clock "${process.argv[1]}": use year or dst`);
    process.exit(2);
  }
  console.log(Math.round(target.diff(now, "seconds").seconds));
' "$when")
export LD_PRELOAD="$lib${LD_PRELOAD:+ $LD_PRELOAD}" FAKETIME="+${offset}" FAKETIME_DONT_FAKE_MONOTONIC=1
echo "[test:clock] the clock reads $(date -u +%FT%TZ) for this run (moved by ${offset} s)" >&2
npx jest --ci --maxWorkers=2 "$@"
