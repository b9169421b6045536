import nodemailer from 'nodemailer';
import type { Env } from '../env';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per delivery, so a receiver can drop a copy resent after a crash. */
  messageId: string;
  headers?: Record<string, string>;
}

/** Sends one email; throws if the relay does not accept it. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}

export interface SmtpCredentials {
  user: string;
  pass: string;
}

/**
 * nodemailer over SMTP. Credentials (if any) are loaded once, lazily, from the secret store,
 * so a relay that needs none (Mailpit) needs no secret. Timeouts are short: a send holds a
 * row lock, and a relay that hangs is a failed attempt to retry later.
 */
export function smtpMailer(
  env: Pick<Env, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'MAIL_FROM'>,
  credentials: () => Promise<SmtpCredentials | undefined> = async () => undefined,
): Mailer {
  let transport: Promise<nodemailer.Transporter> | undefined;
  const open = () =>
    (transport ??= credentials()
      .then((auth) =>
        nodemailer.createTransport({
          host: env.SMTP_HOST,
          port: env.SMTP_PORT,
          secure: env.SMTP_SECURE,
          ...(auth ? { auth } : {}),
          connectionTimeout: 10_000,
          greetingTimeout: 5_000,
          socketTimeout: 20_000,
        }),
      )
      .catch((err: unknown) => {
        transport = undefined;
        throw err;
      }));
  return {
    async send(email) {
      const smtp = await open();
      await smtp.sendMail({
        from: env.MAIL_FROM,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        headers: email.headers ?? {},
      });
    },
  };
}
