// Writes kubeconform JSON schemas from CustomResourceDefinition files (each served version's
// openAPIV3Schema), named as kubeconform's default CRD template expects:
//   <out>/<group>/<kind lowercase>_<version>.json
// so `kubeconform -schema-location '<out>/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json'`
// validates custom resources (here the chart's Gateway and HTTPRoute) offline.
//
//   node --import tsx scripts/crd-schemas.ts <out dir> <crd.yaml>...
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

interface Crd {
  kind: string;
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; schema?: { openAPIV3Schema?: Record<string, unknown> } }[];
  };
}

/** kubeconform rejects unknown fields only when a schema says additionalProperties: false. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = strict(v);
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

export function crdSchemas(text: string): { path: string; schema: unknown }[] {
  const out: { path: string; schema: unknown }[] = [];
  for (const doc of parseAllDocuments(text)) {
    const crd = doc.toJSON() as Crd | null;
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    for (const v of crd.spec.versions) {
      const schema = v.schema?.openAPIV3Schema;
      if (!schema) continue;
      out.push({
        path: join(crd.spec.group, `${crd.spec.names.kind.toLowerCase()}_${v.name}.json`),
        schema: strict(schema),
      });
    }
  }
  return out;
}

if (require.main === module) {
  const [outDir, ...files] = process.argv.slice(2);
  if (!outDir || files.length === 0) throw new Error('usage: crd-schemas.ts <out dir> <crd.yaml>...');
  for (const file of files) {
    for (const { path, schema } of crdSchemas(readFileSync(file, 'utf8'))) {
      mkdirSync(join(outDir, path, '..'), { recursive: true });
      writeFileSync(join(outDir, path), JSON.stringify(schema));
    }
  }
}
