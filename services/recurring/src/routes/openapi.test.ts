import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recurringOpenApi } from './openapi';
import { previewQuery } from './preview-query';

test('docs/openapi/recurring.json is the document the service serves (npm run openapi -w @daybook/recurring)', () => {
  const committed = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'openapi', 'recurring.json'), 'utf8'),
  );
  expect(committed).toEqual(JSON.parse(JSON.stringify(recurringOpenApi())));
});

type Param = { name: string; style?: string; explode?: boolean; schema: { type?: string; pattern?: string } };
type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters: Param[] }>>;
};
const documented = () => JSON.parse(JSON.stringify(recurringOpenApi())) as Doc;
const param = (name: string) =>
  documented().paths['/api/recurring/preview']!.get!.parameters.find((p) => p.name === name)!;

test('every status the preview can answer is documented, and no other', () => {
  const statuses = Object.keys(documented().paths['/api/recurring/preview']!.get!.responses);
  // 503 (database busy) is the kit's, documented on every operation.
  expect(statuses.filter((status) => status !== '503').sort()).toEqual(['200', '400', '401']);
});

test('exdates is documented as a list of dates, sent unexploded', () => {
  expect(param('exdates')).toMatchObject({ style: 'form', explode: false, schema: { type: 'array' } });
});

test('the documented rrule pattern matches every rule the route accepts', () => {
  const pattern = new RegExp(param('rrule').schema.pattern!);
  const rules = [
    'FREQ=DAILY',
    'RRULE:FREQ=WEEKLY;BYDAY=MO,WE',
    'rrule:freq=weekly;byday=mo',
    '  FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3  ',
    'INTERVAL=2;FREQ=WEEKLY;UNTIL=20251231T235959Z',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;WKST=SU',
    'FREQ=WEEKLY;BYDAY=+1MO,-1FR;BYSETPOS=1',
    '',
    'BYDAY=MO',
    'FREQ=DAILY;DTSTART=20260101T000000Z',
    'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY',
    'FREQ=DAILY;FOO=1',
    'FREQ=DAILY;',
    'FREQ=DAILY; COUNT=2',
    'RRULE: FREQ=DAILY',
  ];
  for (const rrule of rules) {
    const accepted = previewQuery.safeParse({ rrule, start: '2025-12-01T09:00', timeZone: 'UTC' }).success;
    // A rule the pattern refuses is refused by the route; a rule it matches may still fail a
    // semantic check (its description names them).
    if (accepted) expect({ rrule, documented: pattern.test(rrule) }).toEqual({ rrule, documented: true });
    if (!pattern.test(rrule)) expect({ rrule, accepted }).toEqual({ rrule, accepted: false });
  }
});

test('the documented time zone pattern matches every zone the route accepts', () => {
  const pattern = new RegExp(param('timeZone').schema.pattern!);
  for (const timeZone of [
    'Europe/London',
    'UTC',
    'europe/london',
    'US/Eastern',
    'Etc/GMT+5',
    'America/Port-au-Prince',
  ]) {
    expect(previewQuery.safeParse({ rrule: 'FREQ=DAILY', start: '2025-12-01T09:00', timeZone }).success).toBe(true);
    expect({ timeZone, documented: pattern.test(timeZone) }).toEqual({ timeZone, documented: true });
  }
  for (const timeZone of ['+01:00', 'Mars/Base', 'Europe/London ', '']) {
    expect(previewQuery.safeParse({ rrule: 'FREQ=DAILY', start: '2025-12-01T09:00', timeZone }).success).toBe(false);
  }
});
