import { Router, static as serveStatic } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { z } from 'zod';

/** The error body every service answers with (see errors.ts). */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorResponseSchema } },
});

/** Responses shared by every authenticated operation. */
export const commonErrors = {
  '400': errorResponse('Invalid input: every bad field is named in details.problems'),
  '401': errorResponse('Missing or invalid access token'),
  '404': errorResponse('Not found (or not yours)'),
} as const;
export { errorResponse };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation that takes a body answers 415 to one that is not JSON (the kit's http.ts). */
function withUnsupportedMediaType(paths: ZodOpenApiPathsObject): ZodOpenApiPathsObject {
  const unsupported = errorResponse('The body is not application/json');
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => {
      const withBody = METHODS.filter((m) => item[m]?.requestBody);
      const changed = withBody.map((m) => [
        m,
        { ...item[m], responses: { ...item[m]!.responses, '415': unsupported } },
      ]);
      return [path, { ...item, ...Object.fromEntries(changed) }];
    }),
  );
}

/**
 * An OpenAPI 3.1 document built from the same zod schemas that validate the requests
 * (zod-openapi), so the documentation cannot drift from the behaviour.
 */
export function buildOpenApiDocument(opts: { service: string; description: string; paths: ZodOpenApiPathsObject }) {
  return createDocument({
    openapi: '3.1.0',
    info: { title: `Daybook ${opts.service} API`, version: '1.0.0', description: opts.description },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    security: [{ bearer: [] }],
    paths: withUnsupportedMediaType(opts.paths),
  });
}

/** Serves `/api/<service>/openapi.json` and a browsable Swagger UI at `/api/<service>/docs`. */
export function openApiRouter(service: string, document: object): Router {
  const router = Router();
  const base = `/api/${service}`;
  router.get(`${base}/openapi.json`, (_req, res) => {
    res.json(document);
  });
  router.get(`${base}/docs`, (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Daybook ${service} API</title>
<link rel="stylesheet" href="${base}/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div><script src="${base}/docs/assets/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '${base}/openapi.json', dom_id: '#ui' });</script></body></html>`);
  });
  router.use(`${base}/docs/assets`, serveStatic(getAbsoluteFSPath(), { index: false, maxAge: '1h' }));
  return router;
}
