import { randomUUID } from 'node:crypto';
import { ensureMailpit, stopProcess, waitFor } from '@daybook/substrate';
import { testEnvironment } from './environment';
import { freePort } from './ports';

/** A message as Mailpit lists it (GET /api/v1/messages, /api/v1/search). */
export interface MailpitSummary {
  ID: string;
  MessageID: string;
  From: { Name: string; Address: string };
  To: { Name: string; Address: string }[];
  Subject: string;
  Created: string;
  Snippet: string;
}

/** One message in full (GET /api/v1/message/{ID}) with its headers. */
export interface MailpitMessage extends Omit<MailpitSummary, 'Created' | 'Snippet'> {
  /** The message's Date header. */
  Date: string;
  Text: string;
  HTML: string;
  headers: Record<string, string[]>;
}

/**
 * Reads what reached the tests' Mailpit through its HTTP API. Each test sends to addresses of
 * its own (unique per user), so searching by recipient isolates it from every other test file.
 */
export class MailpitClient {
  constructor(readonly url: string = mailpitUrl()) {}

  private async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`Mailpit ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** The newest messages first (GET /api/v1/messages). */
  async messages(limit = 50): Promise<MailpitSummary[]> {
    return (await this.get<{ messages: MailpitSummary[] }>(`/api/v1/messages?limit=${limit}`)).messages;
  }

  /** Mailpit's search syntax, e.g. `to:ada@example.com subject:"Login code"`; newest first. */
  async search(query: string, limit = 50): Promise<MailpitSummary[]> {
    const q = encodeURIComponent(query);
    return (await this.get<{ messages: MailpitSummary[] }>(`/api/v1/search?query=${q}&limit=${limit}`)).messages;
  }

  /** Every message sent to `address`, newest first. */
  to(address: string): Promise<MailpitSummary[]> {
    return this.search(`to:"${address}"`);
  }

  /** One message with its text, HTML and headers. */
  async message(id: string): Promise<MailpitMessage> {
    const [message, headers] = await Promise.all([
      this.get<Omit<MailpitMessage, 'headers'>>(`/api/v1/message/${id}`),
      this.get<Record<string, string[]>>(`/api/v1/message/${id}/headers`),
    ]);
    return { ...message, headers };
  }

  /** Waits until `address` has received at least `count` messages; returns them in full, oldest first. */
  async waitForMessages(address: string, count = 1, timeoutMs = 30_000): Promise<MailpitMessage[]> {
    const found = await waitFor(
      `${count} email(s) to ${address} in Mailpit`,
      async () => {
        const list = await this.to(address);
        return list.length >= count ? list : undefined;
      },
      { timeoutMs, intervalMs: 200 },
    );
    return Promise.all([...found].reverse().map((m) => this.message(m.ID)));
  }
}

/** The tests' Mailpit (globalSetup starts it and exports its URL). */
export function mailpitUrl(): string {
  const url = process.env.DAYBOOK_TEST_MAILPIT_URL;
  if (!url) throw new Error('DAYBOOK_TEST_MAILPIT_URL is not set: run integration tests through jest (globalSetup)');
  return url;
}

/**
 * A Mailpit of one test's own, with extra flags (e.g. `--smtp-allowed-recipients <regex>`, so
 * it answers others with a 550 like a relay that does not know the mailbox).
 */
export async function startPrivateMailpit(extraArgs: string[]) {
  const mailpit = await ensureMailpit({
    name: `mailpit-${randomUUID().slice(0, 8)}`,
    smtpPort: await freePort(),
    httpPort: await freePort(),
    extraArgs,
    logDir: testEnvironment().logDir,
  });
  return {
    smtpPort: mailpit.smtpPort,
    client: new MailpitClient(mailpit.url),
    async stop() {
      if (mailpit.process) await stopProcess(mailpit.process);
    },
  };
}
