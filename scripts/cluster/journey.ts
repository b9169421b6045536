// A person's journey through Daybook at any base URL, in a real browser: sign up, a task
// made by quick add, a recurring task completed (its next occurrence appears), a reminder
// fired into the inbox, and live sync between two browser contexts of the same person.
// Outside-in: it has only the base URL, Chromium (driven by playwright-core) and, through the
// same URL, the public API; no database, no Kafka, no test helpers. Every wait is on a
// condition. Exit 1 on the first failure, with screenshots of the open pages.
//
//   node --import tsx scripts/cluster/journey.ts http://<node-ip>:30080
//
// CHROMIUM (default /usr/bin/chromium) names another Chromium; JOURNEY_SHOTS=<dir> also keeps
// a screenshot of each open page after each step.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/chromium';

/** The browser contexts' zone, hence the person's (the sign-up form sends the browser's). */
const ZONE = 'Europe/London';
/** A reminder set about a minute ahead fires within this; the bell then shows it. */
const REMINDER_TIMEOUT_MS = 180_000;

const log = (line: string) => console.log(`[journey] ${line}`);

class StepFailure extends Error {}

/** Waits for `locator`; on a timeout, says what did not happen in a sentence of its own. */
async function see(locator: Locator, what: string, timeout?: number, state?: 'detached'): Promise<void> {
  try {
    await locator.waitFor({ ...(timeout ? { timeout } : {}), ...(state ? { state } : {}) });
  } catch (err) {
    throw new StepFailure(`${what}: not within ${Math.round((timeout ?? 30_000) / 1000)} s (${firstLine(err)})`);
  }
}

/**
 * Waits for what should arrive live (no reload); when it does not, reloads once to tell a
 * live push that failed (there after a reload) from a change that never happened.
 */
async function seeLive(p: Page, locator: Locator, what: string, timeout: number): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (err) {
    await p.reload();
    const afterReload = await locator.waitFor({ timeout: 15_000 }).then(
      () => 'it is there after a reload, so the live update is what failed',
      () => 'not there after a reload either',
    );
    throw new StepFailure(
      `${what}: not within ${Math.round(timeout / 1000)} s without a reload; ${afterReload} (${firstLine(err)})`,
    );
  }
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0];

/** Playwright's error in a line: what failed, and what it was waiting for (from its call log). */
function describe(err: unknown): string {
  // eslint-disable-next-line no-control-regex -- the call log's terminal colours
  const lines = (err instanceof Error ? err.message : String(err)).replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const waiting = lines
    .find((l) => /^\s*- waiting for /.test(l))
    ?.trim()
    .replace(/^- /, '');
  return waiting ? `${lines[0]} (${waiting})` : lines[0]!;
}

/** Wall-clock "YYYY-MM-DDTHH:mm" (a datetime-local input's value) of an instant in a zone. */
const localInput = (at: Date, timeZone: string): string =>
  DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");

// Selectors as the end-to-end tests (tests/e2e) use them.
const row = (p: Page, title: string): Locator =>
  p.locator('.task-row', { has: p.getByRole('button', { name: title, exact: true }) });
const bell = (p: Page) => p.getByTestId('bell');
const liveIndicator = (p: Page) => p.locator('[data-testid="sync-indicator"].sync-live');

async function view(p: Page, name: 'Today' | 'Upcoming' | 'All'): Promise<void> {
  await p.getByRole('navigation', { name: 'Views' }).getByRole('link', { name, exact: true }).click();
  await see(p.getByRole('heading', { level: 1, name: name === 'All' ? 'All tasks' : name }), `the ${name} view`);
  await see(p.locator('ul.task-list[aria-busy="false"]'), `the ${name} list, loaded`);
}

async function quickAdd(p: Page, title: string): Promise<void> {
  await p.getByLabel('New task').fill(title);
  await p.getByLabel('New task').press('Enter');
  await see(row(p, title), `“${title}” in the list after quick add`);
}

/** A form's submit: lands on Today, or shows the form's error (which is then the failure). */
async function landOnToday(p: Page, what: string): Promise<void> {
  const today = p.getByRole('heading', { level: 1, name: 'Today' });
  const alert = p.getByRole('alert');
  await see(today.or(alert).first(), `${what}: the Today screen`);
  if (!(await today.isVisible())) throw new StepFailure(`${what}: the form says “${await alert.first().innerText()}”`);
}

/** The unread count on the bell (0 when its label has none). */
async function unread(p: Page): Promise<number> {
  const label = (await bell(p).getAttribute('aria-label')) ?? '';
  return Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
}

/** Screenshots of the open pages (A, B) into `dir`, named after the step: the paths taken. */
async function shoot(pages: Page[], dir: string, step: string): Promise<string[]> {
  const paths: string[] = [];
  for (const [i, p] of pages.entries()) {
    const path = join(dir, `${step.replace(/\W+/g, '-')}-${i === 0 ? 'a' : 'b'}.png`);
    try {
      await p.screenshot({ path, fullPage: true });
      paths.push(path);
    } catch {
      // A page that has gone: nothing to show of it.
    }
  }
  return paths;
}

async function main(base: string): Promise<void> {
  const t0 = Date.now();
  const email = `journey-${randomUUID().slice(0, 8)}@example.com`;
  const password = `pw-${randomUUID()}`;
  const pages: Page[] = [];
  const problems: string[] = [];
  let browser: Browser | undefined;

  const newPage = async (context: BrowserContext, name: string): Promise<Page> => {
    const p = await context.newPage();
    p.on('pageerror', (err) => problems.push(`${name}: page error: ${err.message}`));
    p.on('response', (r) => {
      if (r.status() >= 500) problems.push(`${name}: ${r.request().method()} ${r.url()} → ${r.status()}`);
    });
    pages.push(p);
    return p;
  };

  async function step(name: string, run: () => Promise<void>): Promise<void> {
    const started = Date.now();
    try {
      await run();
    } catch (err) {
      const shots = await shoot(pages, mkdtempSync(join(tmpdir(), 'daybook-journey-')), name);
      const message = err instanceof StepFailure ? err.message : describe(err);
      log(`${name}: FAIL after ${Date.now() - started} ms: ${message}`);
      for (const s of shots) log(`  screenshot: ${s}`);
      for (const p of problems) log(`  seen meanwhile: ${p}`);
      throw new StepFailure(`${name}: ${message}`);
    }
    log(`${name}: ok (${Date.now() - started} ms)`);
    if (process.env.JOURNEY_SHOTS) await shoot(pages, process.env.JOURNEY_SHOTS, name);
  }

  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const contextOptions = { viewport: { width: 1280, height: 900 }, timezoneId: ZONE, locale: 'en-GB' };
    const laptop = await browser.newContext(contextOptions);
    laptop.setDefaultTimeout(30_000);
    const a = await newPage(laptop, 'A');

    await step('sign up', async () => {
      const res = await a.goto(`${base}/#/signup`);
      if (!res?.ok()) throw new StepFailure(`GET ${base}/: HTTP ${res?.status() ?? 'no answer'}`);
      await a.getByLabel('Name (optional)').fill('Journey');
      await a.getByLabel('Email').fill(email);
      await a.getByLabel('Password').fill(password);
      await a.getByRole('button', { name: 'Create account' }).click();
      await landOnToday(a, 'after Create account');
      await see(a.getByText('Nothing due today. Enjoy the calm.'), 'the empty Today of a new account');
    });

    await step('create a task (quick add)', async () => {
      await quickAdd(a, 'Buy oat milk');
      // Kept by the server, not only shown: it is still there after a reload.
      await a.reload();
      await see(a.getByRole('heading', { level: 1, name: 'Today' }), 'Today after a reload');
      await see(row(a, 'Buy oat milk'), '“Buy oat milk” after a reload');
    });

    await step('recurring task completed, next occurrence appears', async () => {
      // Daily, after completion, due today: completing it asks for tomorrow's. In All, where
      // both days show; the next one arrives without a reload (live sync).
      await view(a, 'All');
      await a.getByRole('button', { name: 'New task…' }).click();
      const editor = a.getByRole('dialog', { name: 'New task' });
      await editor.getByLabel('Title').fill('Water the plants');
      await editor.getByLabel('Date', { exact: true }).check();
      await editor.getByLabel('Due date', { exact: true }).fill(localInput(new Date(), ZONE).slice(0, 10));
      await editor.getByLabel('Repeats').selectOption('daily');
      await editor.getByLabel('after I complete it').check();
      await editor.getByRole('button', { name: 'Save' }).click();
      await see(editor, 'the editor closing after Save', undefined, 'detached');
      const first = row(a, 'Water the plants');
      await see(first.filter({ hasText: 'Today' }), '“Water the plants”, due today, in All');
      await first.getByRole('button', { name: 'Complete “Water the plants”' }).click();
      await seeLive(
        a,
        row(a, 'Water the plants').filter({ hasText: 'Tomorrow' }),
        'the next “Water the plants”, due tomorrow',
        60_000,
      );
      await see(
        row(a, 'Water the plants').filter({ hasText: 'Today' }),
        'the completed one leaving',
        undefined,
        'detached',
      );
    });

    await step('reminder fired into the inbox', async () => {
      // A reminder at the first whole minute at least a minute from now (the input has minutes).
      const fireAt = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
      const before = await unread(a);
      await a.getByRole('button', { name: 'New task…' }).click();
      const editor = a.getByRole('dialog', { name: 'New task' });
      await editor.getByLabel('Title').fill('Take the medicine');
      await editor.getByRole('button', { name: 'Add reminder' }).click();
      await editor.getByLabel('Reminder 1 kind').selectOption('absolute');
      await editor.getByLabel('Reminder 1 time').fill(localInput(fireAt, ZONE));
      await editor.getByRole('button', { name: 'Save' }).click();
      await see(editor, 'the editor closing after Save', undefined, 'detached');
      await see(row(a, 'Take the medicine'), '“Take the medicine” in All');
      if (Date.now() >= fireAt.getTime())
        throw new StepFailure(`the reminder's time ${fireAt.toISOString()} passed before it was saved`);
      log(`  reminder set for ${fireAt.toISOString()} (${Math.round((fireAt.getTime() - Date.now()) / 1000)} s ahead)`);
      // No reload: the badge comes from the pushed notification.
      const inbox = a.getByRole('dialog', { name: 'Notifications' });
      const item = inbox.getByTestId('inbox-item').filter({ hasText: 'Take the medicine' });
      // The bell of a new account counts none before; otherwise one more than it did.
      const counted = bell(a).and(
        a.getByRole('button', {
          name: before === 0 ? /^Notifications, \d+ unread$/ : `Notifications, ${before + 1} unread`,
        }),
      );
      await seeLive(a, counted, 'the bell counting the fired reminder', REMINDER_TIMEOUT_MS).catch((err: unknown) => {
        throw new StepFailure(`${(err as Error).message}; the reminder was due at ${fireAt.toISOString()}`);
      });
      log(`  the bell showed it ${((Date.now() - fireAt.getTime()) / 1000).toFixed(1)} s after the reminder's time`);
      await bell(a).click();
      await see(item, 'the reminder in the inbox');
      await inbox.getByRole('button', { name: 'Close' }).click();
      await see(inbox, 'the inbox closing', undefined, 'detached');
    });

    await step('live sync between two browser contexts', async () => {
      const phone = await browser!.newContext(contextOptions);
      phone.setDefaultTimeout(30_000);
      const b = await newPage(phone, 'B');
      await b.goto(`${base}/#/signin`);
      await b.getByLabel('Email').fill(email);
      await b.getByLabel('Password').fill(password);
      await b.getByRole('button', { name: 'Sign in', exact: true }).click();
      await landOnToday(b, 'B after Sign in');
      await view(a, 'Today');
      await see(liveIndicator(a), 'A’s sync indicator: live');
      await see(liveIndicator(b), 'B’s sync indicator: live');
      // Made in A (due today, as any quick add from Today): shows in B.
      await quickAdd(a, 'Call the dentist');
      await seeLive(b, row(b, 'Call the dentist'), 'in B, “Call the dentist” made in A', 30_000);
      // Completed in B: leaves A's Today.
      await row(b, 'Call the dentist').getByRole('button', { name: 'Complete “Call the dentist”' }).click();
      await see(
        row(a, 'Call the dentist'),
        'in A, “Call the dentist” completed in B leaving Today',
        undefined,
        'detached',
      );
    });

    for (const p of problems) log(`note: ${p}`);
    log(`PASS in ${Date.now() - t0} ms (${base}, ${email})`);
  } finally {
    await browser?.close().catch(() => {});
  }
}

const base = process.argv[2];
if (!base) {
  console.error('usage: node --import tsx scripts/cluster/journey.ts http://<node-ip>:30080');
  process.exit(2);
}
main(base.replace(/\/$/, '')).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[journey] FAIL: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
