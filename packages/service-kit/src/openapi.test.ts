import { z } from 'zod';
import { buildOpenApiDocument, commonErrors } from './openapi';

const doc = buildOpenApiDocument({
  service: 'example',
  description: 'An example',
  paths: {
    '/api/example': {
      get: { responses: { '200': { description: 'The list' }, ...commonErrors } },
      post: {
        requestBody: { required: true, content: { 'application/json': { schema: z.object({ name: z.string() }) } } },
        responses: { '201': { description: 'Created' }, ...commonErrors },
      },
    },
  },
});

test("every operation documents the kit's own answers: 503 when busy, 413 and 415 when it takes a body", () => {
  const { get, post } = doc.paths!['/api/example']!;
  expect(Object.keys(get!.responses!).sort()).toEqual(['200', '400', '401', '404', '503']);
  expect(Object.keys(post!.responses!).sort()).toEqual(['201', '400', '401', '404', '413', '415', '503']);
  expect(get!.responses!['503']).toMatchObject({ headers: { 'retry-after': expect.anything() } });
});
