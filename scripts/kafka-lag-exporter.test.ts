import { computeLag } from './kafka-lag-exporter';

describe('computeLag', () => {
  it('is the end offset minus the committed offset, per group, topic and partition', () => {
    const ends = new Map([
      [
        'task-events',
        [
          { partition: 0, offset: '120' },
          { partition: 1, offset: '40' },
        ],
      ],
      ['journal-events', [{ partition: 0, offset: '7' }]],
    ]);
    const lag = computeLag(
      [
        {
          group: 'reminders',
          topic: 'task-events',
          partitions: [
            { partition: 0, offset: '100' },
            { partition: 1, offset: '40' },
          ],
        },
        { group: 'audit', topic: 'journal-events', partitions: [{ partition: 0, offset: '7' }] },
      ],
      ends,
    );
    expect(lag.map((l) => [l.consumergroup, l.topic, l.partition, l.lag])).toEqual([
      ['reminders', 'task-events', 0, 20],
      ['reminders', 'task-events', 1, 0],
      ['audit', 'journal-events', 0, 0],
    ]);
  });

  it('skips partitions the group never committed on, and topics without end offsets', () => {
    const lag = computeLag(
      [
        { group: 'g', topic: 't', partitions: [{ partition: 0, offset: '-1' }] },
        { group: 'g', topic: 'gone', partitions: [{ partition: 0, offset: '5' }] },
      ],
      new Map([['t', [{ partition: 0, offset: '9' }]]]),
    );
    expect(lag).toEqual([]);
  });
});
