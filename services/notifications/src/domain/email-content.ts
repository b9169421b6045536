// What each email says: subject, plain text and a small HTML part. Pure: the use cases add
// the recipient and the headers.

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const page = (paragraphs: string[], unsubscribeUrl?: string) =>
  `<!doctype html><html><body style="font-family:sans-serif">${paragraphs
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('')}${
    unsubscribeUrl
      ? `<p style="color:#666;font-size:12px"><a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a> from these emails.</p>`
      : ''
  }</body></html>`;

/** An inbox item by email (a reminder, a system notice, a digest). */
export function notificationEmail(
  n: { title: string; body: string },
  links: { appUrl: string; unsubscribeUrl: string },
): EmailContent {
  const lines = [n.title, ...(n.body ? [n.body] : []), `Open Daybook: ${links.appUrl}`];
  return {
    subject: n.title,
    text: `${lines.join('\n\n')}\n\n--\nUnsubscribe from these emails: ${links.unsubscribeUrl}\n`,
    html: page(lines, links.unsubscribeUrl),
  };
}

/** The login code (transactional: no unsubscribe, it cannot be switched off). */
export function loginCodeEmail(code: string, expiresAt: Date): EmailContent {
  const minutes = Math.max(1, Math.round((expiresAt.getTime() - Date.now()) / 60_000));
  const lines = [
    `Your Daybook sign-in code is ${code}`,
    `It expires in about ${minutes} minute${minutes === 1 ? '' : 's'}. If you did not ask for it, ignore this email.`,
  ];
  return { subject: `Your Daybook sign-in code: ${code}`, text: `${lines.join('\n\n')}\n`, html: page(lines) };
}
