// npm run migrate: applies every service's migrations (platform tables first) to
// DATABASE_URL, each into the service's own schema. The Helm chart runs the same script
// as a pre-install/pre-upgrade Job.
import { migrateService } from '@daybook/database';
import { REPO_ROOT, loadTopology, step } from '@daybook/substrate';

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required but not set');
  const only = process.argv.slice(2);
  const services = loadTopology()
    .map((a) => a.appID)
    .filter((s) => only.length === 0 || only.includes(s));
  for (const service of services) {
    const result = await migrateService({ databaseUrl, service, repoRoot: REPO_ROOT, log: (l) => step('migrate', l) });
    step('migrate', `${service}: ${result.applied.length} applied, ${result.alreadyApplied} already`);
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
