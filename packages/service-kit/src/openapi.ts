import { Router, static as serveStatic } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { z } from 'zod';

/** The error body every service answers with (see errors.ts), here without details. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'not_found' }),
      message: z.string(),
    }),
  })
  .meta({ id: 'Error' });

/** One bad field of a 400, as errors.ts names it. */
export const fieldProblemSchema = z
  .object({
    field: z.string().meta({ description: 'Where the problem is', example: 'body.title' }),
    message: z.string().meta({ example: 'must not be empty' }),
  })
  .meta({ id: 'FieldProblem' });

/** The error body with the given details (e.g. `{ problems }` on a 400, `{ current }` on a 409). */
export const errorWithDetails = (details: z.ZodType, id?: string) => {
  const schema = z.object({
    error: z.object({ code: z.string(), message: z.string(), details }),
  });
  return id ? schema.meta({ id }) : schema;
};

/** A 400's body: every bad field is named in details.problems (errors.ts, fieldProblems). */
export const validationErrorSchema = errorWithDetails(
  z.object({ problems: z.array(fieldProblemSchema).min(1) }),
  'ValidationError',
);

/** A 409's body that carries the server's copy of the resource in details.current. */
export const conflictErrorSchema = (current: z.ZodType, id: string) =>
  errorWithDetails(z.object({ current }).meta({ description: "The server's copy" }), id);

const errorResponse = (description: string, schema: z.ZodType = errorResponseSchema) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A 400 response: the body names each bad field in details.problems. */
export const invalidInputResponse = (description = 'Invalid input: every bad field is named in details.problems') =>
  errorResponse(description, validationErrorSchema);

/** Responses shared by every authenticated operation. */
export const commonErrors = {
  '400': invalidInputResponse(),
  '401': errorResponse('Missing or invalid access token'),
  '404': errorResponse('Not found (or not yours)'),
} as const;
export { errorResponse };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * What the kit itself answers, whatever the route: 415 to a body that is not JSON (http.ts)
 * and 413 to one larger than the JSON parser's limit (errors.ts), on every operation that
 * takes a body; 503 with Retry-After on any operation when the database is overloaded.
 */
function withKitResponses(paths: ZodOpenApiPathsObject): ZodOpenApiPathsObject {
  const unsupported = errorResponse('The body is not application/json');
  const tooLarge = errorResponse('The body exceeds the size limit');
  const busy = {
    ...errorResponse('The service is busy (its database is overloaded): retry after Retry-After seconds'),
    headers: { 'retry-after': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } },
  };
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => {
      const changed = METHODS.filter((m) => item[m]).map((m) => {
        const operation = item[m]!;
        const bodyErrors = operation.requestBody ? { '413': tooLarge, '415': unsupported } : {};
        return [m, { ...operation, responses: { ...operation.responses, ...bodyErrors, '503': busy } }];
      });
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
    paths: withKitResponses(opts.paths),
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
