import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './paths';

export interface AppSpec {
  appID: string;
  appDirPath: string;
  appPort: number;
  daprHTTPPort: number;
  daprGRPCPort: number;
  metricsPort: number;
  command: string[];
}

/** The apps of dapr.yaml (Dapr's multi-app run format), with paths made absolute. */
export function loadTopology(file = join(REPO_ROOT, 'dapr.yaml')): AppSpec[] {
  const doc = parse(readFileSync(file, 'utf8')) as { apps: AppSpec[] };
  return doc.apps.map((a) => ({ ...a, appDirPath: join(REPO_ROOT, a.appDirPath) }));
}
