import { DateTime } from 'luxon';
import { digestJob } from '../jobs/digest-job';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h.close());

test('the digest runs at the user’s local time: exactly one per day under concurrent and repeated triggers, nothing read in it', async () => {
  const { userId } = await h.newUser('Asia/Tokyo');
  const { timeZone: _zone, ...prefs } = await h.getPreferences(userId);
  await h.updatePreferences(userId, { ...prefs, digest: { enabled: true, time: '08:30' } });
  const [job] = h.scheduler.ofKind(digestJob);
  const at = DateTime.fromJSDate(job!.at!, { zone: 'Asia/Tokyo' });
  expect([at.hour, at.minute]).toEqual([8, 30]);
  expect(job!.data).toEqual({ userId, localDate: at.toISODate() });

  const notify = (title: string) =>
    h.db.$transaction((tx) =>
      h.notifyUser(tx, { eventId: `d-${userId}-${title}`, userId, category: 'reminders', title, body: '' }),
    );
  await notify('Unread one');
  const read = (await notify('Already read'))!;
  await notify('Unread two');
  await h.changeNotification(userId, read.id, 'read');

  h.setClock(job!.at!);
  await Promise.all([h.sendDigest(job!.data), h.sendDigest(job!.data), h.sendDigest(job!.data)]);
  await h.sendDigest(job!.data); // redelivery
  const digests = (await h.listInbox({ userId, view: 'inbox', limit: 50 })).items.filter(
    (i) => i.category === 'digests',
  );
  expect(digests).toHaveLength(1);
  expect(digests[0]!.title).toBe('Your Daybook digest: 2 unread');
  expect(digests[0]!.body).toContain('Unread one');
  expect(digests[0]!.body).toContain('Unread two');
  expect(digests[0]!.body).not.toContain('Already read');

  // The next day's job is waiting, a day later at the same local time.
  const [next] = h.scheduler.ofKind(digestJob);
  expect(next!.data.localDate).toBe(at.plus({ days: 1 }).toISODate());
  h.setClock(new Date());
});

test('switching the digest off cancels its job; a trigger after that sends nothing', async () => {
  const { userId } = await h.newUser();
  const { timeZone: _zone, ...prefs } = await h.getPreferences(userId);
  await h.updatePreferences(userId, { ...prefs, digest: { enabled: true, time: '07:00' } });
  const job = h.scheduler.ofKind(digestJob).find((j) => j.data.userId === userId)!;
  await h.updatePreferences(userId, { ...prefs, digest: { enabled: false, time: '07:00' } });
  expect(h.scheduler.ofKind(digestJob).find((j) => j.data.userId === userId)).toBeUndefined();
  await h.sendDigest(job.data);
  expect(await h.db.digest.count({ where: { userId } })).toBe(0);
});
