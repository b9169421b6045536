import { NotFound } from '@daybook/service-kit';
import { unsnoozeJob } from '../jobs/unsnooze-job';
import { useCaseHarness, type UseCaseHarness } from '../testing';

let h: UseCaseHarness;
beforeAll(async () => {
  h = await useCaseHarness();
});
afterAll(() => h.close());

let n = 0;
const notify = (userId: string, title = `Item ${++n}`) =>
  h.db.$transaction((tx) =>
    h.notifyUser(tx, { eventId: `e-${userId}-${title}`, userId, category: 'system', title, body: 'Body' }),
  );

/** The counts the last published event of this user carries. */
async function lastEventCounts(userId: string) {
  const events = (await h.published()).filter((e) => e.data.userId === userId);
  return events[events.length - 1]?.data.counts;
}

test('counts equal the server’s truth after every change, in the answer and in the last event', async () => {
  const { userId } = await h.newUser();
  const a = (await notify(userId, 'A'))!;
  const b = (await notify(userId, 'B'))!;
  await notify(userId, 'C');
  const expectCounts = async (counts: { unread: number; unseen: number }) => {
    expect(await h.countNotifications(userId)).toEqual(counts);
    expect(await lastEventCounts(userId)).toEqual(counts);
  };
  await expectCounts({ unread: 3, unseen: 3 });

  expect((await h.markAll(userId, 'seen')).counts).toEqual({ unread: 3, unseen: 0 });
  await expectCounts({ unread: 3, unseen: 0 });
  expect((await h.changeNotification(userId, a.id, 'read')).counts).toEqual({ unread: 2, unseen: 0 });
  await expectCounts({ unread: 2, unseen: 0 });
  const readEvent = (await h.published()).filter((e) => e.type === 'daybook.notification.read.v1').pop();
  expect(readEvent?.data).toMatchObject({ notificationId: a.id, counts: { unread: 2, unseen: 0 } });

  expect((await h.changeNotification(userId, a.id, 'unread')).notification.state).toBe('seen');
  await expectCounts({ unread: 3, unseen: 0 });
  expect((await h.changeNotification(userId, b.id, 'archive')).counts).toEqual({ unread: 2, unseen: 0 });
  expect((await h.listInbox({ userId, view: 'archived', limit: 10 })).items.map((i) => i.title)).toEqual(['B']);
  expect((await h.changeNotification(userId, b.id, 'unarchive')).counts).toEqual({ unread: 3, unseen: 0 });

  await notify(userId, 'D');
  await expectCounts({ unread: 4, unseen: 1 });
  expect((await h.markAll(userId, 'read')).counts).toEqual({ unread: 0, unseen: 0 });
  await expectCounts({ unread: 0, unseen: 0 });
});

test('a snoozed item leaves the inbox and the counts until its time, then comes back with an event', async () => {
  const { userId } = await h.newUser();
  const item = (await notify(userId, 'Later'))!;
  const until = new Date(h.now().getTime() + 3_600_000);
  const snoozed = await h.changeNotification(userId, item.id, { snoozeUntil: until });
  expect(snoozed.counts).toEqual({ unread: 0, unseen: 0 });
  expect(snoozed.notification.snoozedUntil).toEqual(until);
  expect((await h.listInbox({ userId, view: 'inbox', limit: 10 })).items).toEqual([]);
  await expect(h.changeNotification(userId, item.id, { snoozeUntil: h.now() })).rejects.toThrow(
    'must be in the future',
  );

  const [job] = h.scheduler.ofKind(unsnoozeJob).filter((j) => j.data.notificationId === item.id);
  h.setClock(job!.at!);
  await h.unsnooze(job!.data);
  h.setClock(new Date());
  expect(await h.countNotifications(userId)).toEqual({ unread: 1, unseen: 1 });
  const last = (await h.published()).filter((e) => e.data.userId === userId).pop();
  expect(last).toMatchObject({
    type: 'daybook.notification.updated.v1',
    data: { change: 'unsnoozed', counts: { unread: 1, unseen: 1 } },
  });
  // A repeated trigger changes nothing more.
  await h.unsnooze(job!.data);
  expect((await h.published()).filter((e) => e.data.userId === userId).pop()).toEqual(last);
});

test('pages follow the cursor newest first with no gap and no repeat; a bad cursor is a 400', async () => {
  const { userId } = await h.newUser();
  const titles: string[] = [];
  for (let i = 0; i < 7; i++) {
    h.setClock(new Date(Date.now() + i * 1000));
    titles.push(`P${i}`);
    await notify(userId, `P${i}`);
  }
  h.setClock(new Date());
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await h.listInbox({ userId, view: 'inbox', limit: 3, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items.map((i) => i.title));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(seen).toEqual([...titles].reverse());
  await expect(h.listInbox({ userId, view: 'inbox', limit: 3, cursor: 'garbage' })).rejects.toThrow('query.cursor');
});

test('another user’s item is not found, and their inbox and counts are untouched', async () => {
  const owner = await h.newUser();
  const other = await h.newUser();
  const item = (await notify(owner.userId, 'Mine'))!;
  await expect(h.changeNotification(other.userId, item.id, 'read')).rejects.toBeInstanceOf(NotFound);
  await expect(h.changeNotification(other.userId, item.id, 'archive')).rejects.toBeInstanceOf(NotFound);
  expect(await h.markAll(other.userId, 'read')).toEqual({ counts: { unread: 0, unseen: 0 } });
  expect((await h.listInbox({ userId: other.userId, view: 'inbox', limit: 10 })).items).toEqual([]);
  expect(await h.countNotifications(owner.userId)).toEqual({ unread: 1, unseen: 1 });
});

test('concurrent changes of one user serialise: the counts stay true', async () => {
  const { userId } = await h.newUser();
  const items = [];
  for (let i = 0; i < 6; i++) items.push((await notify(userId, `C${i}`))!);
  await Promise.all([
    ...items.slice(0, 3).map((i) => h.changeNotification(userId, i.id, 'read')),
    notify(userId, 'C6'),
    h.markAll(userId, 'seen'),
  ]);
  const truth = await h.countNotifications(userId);
  expect(truth).toEqual({ unread: 4, unseen: expect.any(Number) });
  expect(await lastEventCounts(userId)).toEqual(truth);
});

test('a deleted account loses every item, delivery and preference', async () => {
  const { userId } = await h.newUser();
  await notify(userId, 'Gone');
  await h.db.$transaction((tx) => h.forgetUser(tx, userId));
  expect(await h.countNotifications(userId)).toEqual({ unread: 0, unseen: 0 });
  expect(await h.db.delivery.count({ where: { userId } })).toBe(0);
  expect(await h.db.recipient.count({ where: { userId } })).toBe(0);
});
