import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startStack, waitFor, type Stack } from '@daybook/testing';
import { PACT_DIR, call, verifyProvider } from './pact-provider';

// The web app's contract with the journal (apps/web/pacts/daybook-web-journal.json),
// verified against the real service beside its sidecar. An analysed entry is made the real
// way: written through the API and analysed from its own event (the local analyzer).
let stack: Stack;
let token: string;

beforeAll(async () => {
  stack = await startStack({ name: 'pact-journal', services: ['journal'], consumes: { journal: ['journal-events'] } });
});

afterAll(async () => {
  await stack?.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are read loosely here
type Json = any;
const api = (path: string, body?: unknown) =>
  call<Json>(`${stack.services.journal!.baseUrl}/api/journal${path}`, {
    ...(body ? { body } : {}),
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => r.body);

test('journal honours the web app contract', async () => {
  await verifyProvider({
    provider: 'journal',
    providerBaseUrl: stack.services.journal!.baseUrl,
    pactFile: join(PACT_DIR, 'daybook-web-journal.json'),
    requestFilter: (req) => {
      if (req.headers.authorization === 'Bearer test-access-token') req.headers.authorization = `Bearer ${token}`;
    },
    beforeEachState: () => {
      token = stack.token(randomUUID());
    },
    states: {
      'ada is signed in': async () => {},
      'ada has an analysed entry': async () => {
        const entry = await api('/entries', {
          body: 'Went for a walk in the park. I need to call Mum about the trip.',
          mood: 4,
          tags: ['walk'],
          timeZone: 'Europe/London',
        });
        const insight = await waitFor('the insight', async () => (await api(`/entries/${entry.id}`)).insight);
        return { entryId: entry.id, insightId: insight.id, suggestionId: insight.suggestions[0].id };
      },
    },
  });
});
