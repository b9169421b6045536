import { RuleTester, type Rule } from 'eslint';
import { DateTime } from 'luxon';
const rule = require('./no-fixed-future-date') as Rule.RuleModule;

// Dates relative to the day the rule runs: this test must not depend on that day either.
const today = DateTime.utc();
const ahead = today.plus({ days: 3 });
const behind = today.minus({ days: 3 });
const iso = (d: DateTime) => d.toISODate()!;
const compact = (d: DateTime) => d.toFormat('yyyyLLdd');

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });

tester.run('no-fixed-future-date', rule, {
  valid: [
    `const due = '${iso(behind)}';`,
    `const at = '${iso(behind)}T09:00:00Z';`,
    `const rule = 'FREQ=DAILY;UNTIL=${compact(behind)}T000000Z';`,
    `const d = Date.UTC(${behind.year}, ${behind.month - 1}, ${behind.day});`,
    `const due = '${iso(ahead)}'; // allow-fixed-date: a DST table`,
    `// allow-fixed-date\nconst due = '${iso(ahead)}';`,
    `const id = '${ahead.year}${String(ahead.month).padStart(2, '0')}-not-a-date';`,
    `const d = new Date(Date.now() + 3 * 86_400_000);`,
  ],
  invalid: [
    { code: `const due = '${iso(ahead)}';`, errors: [{ messageId: 'future' }] },
    { code: `const due = \`${iso(ahead)}T09:30\`;`, errors: [{ messageId: 'future' }] },
    { code: `const rule = 'FREQ=DAILY;UNTIL=${compact(ahead)}T235959Z';`, errors: [{ messageId: 'future' }] },
    { code: `const d = Date.UTC(${ahead.year}, ${ahead.month - 1}, ${ahead.day});`, errors: [{ messageId: 'future' }] },
    { code: `const d = new Date(${ahead.year + 1}, 0, 1);`, errors: [{ messageId: 'future' }] },
    // A marker covers its own line (or the next, when alone on a line), not the whole file.
    {
      code: `// allow-fixed-date\nconst a = '${iso(ahead)}';\nconst b = '${iso(ahead)}';`,
      errors: [{ messageId: 'future', line: 3 }],
    },
    // Today counts as the future: a date "today" is tomorrow's past.
    { code: `const due = '${iso(today)}';`, errors: [{ messageId: 'future' }] },
  ],
});
