import { dateFrom } from '@daybook/testing';
import { readDaybookExport, readTodoistCsv } from './import-file';

const HEADER = 'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE';
const todoist = (...rows: string[]) => [HEADER, ...rows].join('\r\n');

describe('a Todoist CSV export', () => {
  test.each([
    ['4', 'urgent'],
    ['3', 'high'],
    ['2', 'medium'],
    ['1', 'none'],
    ['', 'none'],
  ])('PRIORITY %s (Todoist counts up to its highest) is %s', (priority, ours) => {
    const read = readTodoistCsv(todoist(`task,A,,${priority},1,,,,,`), null, 'UTC');
    expect('plan' in read && read.plan.tasks[0]!.priority).toBe(ours);
  });

  test('labels become tags and leave the title; a note joins the task above; a BOM is fine', () => {
    const read = readTodoistCsv(
      `\uFEFF${todoist('task,Call @work Bob @phone,Details,1,1,,,,,', 'note,Ring twice,,,,,,,,')}`,
      'Inbox',
      'UTC',
    );
    expect(read).toEqual({
      plan: expect.objectContaining({
        lists: ['Inbox'],
        tags: [
          { name: 'work', color: null },
          { name: 'phone', color: null },
        ],
        tasks: [
          expect.objectContaining({
            title: 'Call Bob',
            tags: ['work', 'phone'],
            notes: 'Details\n\nRing twice',
            list: 'Inbox',
          }),
        ],
      }),
    });
  });

  test('dates: ISO dates and times are due dates (in TIMEZONE, else the user’s); a phrase is kept in the notes', () => {
    const read = readTodoistCsv(
      todoist(
        `task,A,,1,1,,,${dateFrom(2)},en,`,
        `task,B,,1,1,,,${dateFrom(2)} 18:15,en,`,
        `task,C,,1,1,,,${dateFrom(2)} 18:15,en,America/Chicago`,
        'task,D,,1,1,,,every weekday,en,',
      ),
      null,
      'Europe/Paris',
    );
    if (!('plan' in read)) throw new Error(JSON.stringify(read.problems));
    expect(read.plan.tasks.map((t) => t.due)).toEqual([
      { date: dateFrom(2) },
      { dateTime: `${dateFrom(2)}T18:15`, timeZone: 'Europe/Paris' },
      { dateTime: `${dateFrom(2)}T18:15`, timeZone: 'America/Chicago' },
      null,
    ]);
    expect(read.plan.tasks[3]!.notes).toBe('Due in Todoist: every weekday');
    expect(read.plan.warnings).toEqual([{ field: 'row 5.DATE', message: expect.any(String) }]);
  });

  test('every wrong row is named, by its line in the file', () => {
    expect(readTodoistCsv(todoist('note,orphan,,,,,,,,', 'task,,,1,1,,,,,', 'task,X,,5,1,,,,,'), null, 'UTC')).toEqual({
      problems: [
        { field: 'row 2.TYPE', message: 'a note must follow a task' },
        { field: 'row 3.CONTENT', message: 'must not be empty' },
        { field: 'row 4.PRIORITY', message: 'must be 1, 2, 3 or 4' },
      ],
    });
  });
});

describe('our own export', () => {
  test('a task in a list the file does not have is named', () => {
    const read = readDaybookExport({
      lists: [],
      tags: [],
      tasks: [{ title: 'x', listId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(read).toEqual({ problems: [{ field: 'body.data.tasks.0.listId', message: 'no such list in the file' }] });
  });
});
