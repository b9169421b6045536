// ESLint rule: a test must not depend on the day it runs. A date written as a literal in a
// test file ('2026-12-04', '2026-12-04T09:30', RRULE's 20261204T093000Z, Date.UTC(2026, 11, 4),
// new Date(2026, 11, 4)) that is still in the future will one day be in the past, and the
// test that needed it "ahead" breaks on that day. Compute such dates from the clock instead
// (packages/testing: dayFrom, dateTimeFrom). Dates already in the past stay in the past and
// are allowed. A pure computation checked against fixed dates (a DST table, a leap year) is
// legitimate: put the comment `allow-fixed-date` on that line (or alone on the line above).
'use strict';

const ISO = /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
const COMPACT = /\b(\d{4})(\d{2})(\d{2})T\d{6}Z?\b/g;
const MARK = 'allow-fixed-date';

/** @param {number} y @param {number} m 1-12 @param {number} d */
function valid(y, m, d) {
  return y >= 1970 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'disallow literal dates in the future in test files' },
    schema: [{ type: 'object', properties: { today: { type: 'string' } }, additionalProperties: false }],
    messages: {
      future:
        'Literal date {{date}} is in the future: the test will break once it is not. Compute it from the clock, ' +
        'or mark a pure computation with an `allow-fixed-date` comment.',
    },
  },
  create(context) {
    const today = (context.options[0] && context.options[0].today) || new Date().toISOString().slice(0, 10);
    const source = context.sourceCode;
    const markedLines = new Set();
    for (const comment of source.getAllComments()) {
      if (!comment.value.includes(MARK)) continue;
      markedLines.add(comment.loc.end.line);
      // A comment alone on its line covers the next line too.
      const before = source.lines[comment.loc.start.line - 1].slice(0, comment.loc.start.column);
      if (before.trim() === '') markedLines.add(comment.loc.end.line + 1);
    }
    const marked = (node) => {
      for (let line = node.loc.start.line; line <= node.loc.end.line; line++) if (markedLines.has(line)) return true;
      return false;
    };
    const check = (node, y, m, d) => {
      if (!valid(y, m, d)) return;
      const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      if (date >= today && !marked(node)) context.report({ node, messageId: 'future', data: { date } });
    };
    const scan = (node, text) => {
      for (const re of [ISO, COMPACT]) {
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) check(node, Number(m[1]), Number(m[2]), Number(m[3]));
      }
    };
    const numbers = (args) =>
      args.map((a) => (a && a.type === 'Literal' && typeof a.value === 'number' ? a.value : NaN));
    return {
      Literal(node) {
        if (typeof node.value === 'string') scan(node, node.value);
      },
      TemplateElement(node) {
        scan(node, node.value.cooked ?? node.value.raw);
      },
      'CallExpression, NewExpression'(node) {
        const callee = node.callee;
        const isUtc =
          node.type === 'CallExpression' &&
          callee.type === 'MemberExpression' &&
          callee.object.type === 'Identifier' &&
          callee.object.name === 'Date' &&
          callee.property.type === 'Identifier' &&
          callee.property.name === 'UTC';
        const isNewDate = node.type === 'NewExpression' && callee.type === 'Identifier' && callee.name === 'Date';
        if (!(isUtc || (isNewDate && node.arguments.length >= 2))) return;
        const [y, m, d] = numbers(node.arguments.slice(0, 3));
        if (Number.isInteger(y) && Number.isInteger(m)) check(node, y, m + 1, Number.isInteger(d) ? d : 1);
      },
    };
  },
};
