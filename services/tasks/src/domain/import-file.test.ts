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

describe('Todoist INDENT: subtasks', () => {
  /** The rows' INDENTs, as a file of tasks named A, B, C, ... */
  const indented = (...indents: string[]) =>
    todoist(...indents.map((indent, i) => `task,${String.fromCharCode(65 + i)},,1,${indent},,,,,`));
  const parents = (read: ReturnType<typeof readTodoistCsv>) =>
    'plan' in read ? read.plan.tasks.map((t) => (t.parent === null ? null : read.plan.tasks[t.parent]!.title)) : read;

  test.each([
    { indents: ['1', '1'], parents: [null, null] },
    { indents: ['', ''], parents: [null, null] },
    { indents: ['1', '2', '2'], parents: [null, 'A', 'A'] },
    { indents: ['1', '2', '3', '2'], parents: [null, 'A', 'B', 'A'] },
    { indents: ['1', '2', '3', '1', '2'], parents: [null, 'A', 'B', null, 'D'] },
    { indents: ['1', '2', '3', '3', '1'], parents: [null, 'A', 'B', 'B', null] },
  ])('INDENT $indents: parents $parents', ({ indents, parents: expected }) => {
    expect(parents(readTodoistCsv(indented(...indents), null, 'UTC'))).toEqual(expected);
  });

  test.each([
    { indents: ['1', '3'], field: 'row 3.INDENT', message: 'INDENT 3 skips a level: the task above is at INDENT 1' },
    { indents: ['2'], field: 'row 2.INDENT', message: 'INDENT 2 needs a task at INDENT 1 above it' },
    { indents: ['1', '2', '3', '4'], field: 'row 5.INDENT', message: 'subtasks nest at most 3 levels deep (INDENT 4)' },
    { indents: ['1', 'x'], field: 'row 3.INDENT', message: 'must be a whole number from 1 (not "x")' },
    { indents: ['0'], field: 'row 2.INDENT', message: 'must be a whole number from 1 (not "0")' },
  ])('INDENT $indents is refused: $field', ({ indents, field, message }) => {
    expect(readTodoistCsv(indented(...indents), null, 'UTC')).toEqual({ problems: [{ field, message }] });
  });

  test('a note joins its subtask; a section between a parent and its subtask changes nothing', () => {
    const read = readTodoistCsv(
      todoist(
        'task,Trip,,1,1,,,,,',
        'task,Pack,,1,2,,,,,',
        'note,socks,,,,,,,,',
        'section,Later,,,,,,,,',
        'task,Tickets,,1,2,,,,,',
      ),
      'Travel',
      'UTC',
    );
    if (!('plan' in read)) throw new Error(JSON.stringify(read.problems));
    expect(read.plan.tasks.map((t) => [t.title, t.parent, t.notes])).toEqual([
      ['Trip', null, ''],
      ['Pack', 0, 'socks'],
      ['Tickets', 0, ''],
    ]);
  });
});

describe('our own export: subtasks and order', () => {
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const file = (tasks: Record<string, unknown>[]) => ({ lists: [], tags: [], tasks });

  test('parents are kept by the file’s ids, and the tasks come in their positions’ (byte) order', () => {
    const read = readDaybookExport(
      file([
        { id: id(1), title: 'child', parentId: id(2), position: 'a1' },
        { id: id(2), title: 'parent', position: 'a0' },
        { id: id(3), title: 'grandchild', parentId: id(1), position: 'Zz' },
        { id: id(4), title: 'last', position: 'a1V' },
      ]),
    );
    if (!('plan' in read)) throw new Error(JSON.stringify(read.problems));
    // 'Zz' < 'a0' < 'a1' < 'a1V' byte by byte (upper case before lower case).
    expect(read.plan.tasks.map((t) => [t.title, t.parent === null ? null : read.plan.tasks[t.parent]!.title])).toEqual([
      ['grandchild', 'child'],
      ['parent', null],
      ['child', 'parent'],
      ['last', null],
    ]);
  });

  test('a file without positions keeps its own order', () => {
    const read = readDaybookExport(file([{ title: 'b' }, { title: 'a' }]));
    expect('plan' in read && read.plan.tasks.map((t) => [t.title, t.parent])).toEqual([
      ['b', null],
      ['a', null],
    ]);
  });

  test.each([
    {
      case: 'a parent not in the file',
      tasks: [{ id: id(1), title: 'x', parentId: id(9) }],
      problems: [{ field: 'body.data.tasks.0.parentId', message: 'no such task in the file' }],
    },
    {
      case: 'a task its own parent',
      tasks: [{ id: id(1), title: 'x', parentId: id(1) }],
      problems: [
        {
          field: 'body.data.tasks.0.parentId',
          message: 'a task cannot be a subtask of itself or of its own subtasks',
        },
      ],
    },
    {
      case: 'two tasks each the other’s parent',
      tasks: [
        { id: id(1), title: 'x', parentId: id(2) },
        { id: id(2), title: 'y', parentId: id(1) },
      ],
      problems: [
        { field: 'body.data.tasks.0.parentId', message: 'a task cannot be a subtask of itself or of its own subtasks' },
        { field: 'body.data.tasks.1.parentId', message: 'a task cannot be a subtask of itself or of its own subtasks' },
      ],
    },
    {
      case: 'four levels',
      tasks: [
        { id: id(1), title: '1' },
        { id: id(2), title: '2', parentId: id(1) },
        { id: id(3), title: '3', parentId: id(2) },
        { id: id(4), title: '4', parentId: id(3) },
      ],
      problems: [{ field: 'body.data.tasks.3.parentId', message: 'subtasks nest at most 3 levels deep' }],
    },
    {
      case: 'two tasks with one id',
      tasks: [
        { id: id(1), title: 'x' },
        { id: id(1), title: 'y' },
      ],
      problems: [{ field: 'body.data.tasks.1.id', message: 'another task of the file has this id' }],
    },
  ])('$case is named', ({ tasks, problems }) => {
    expect(readDaybookExport(file(tasks))).toEqual({ problems });
  });
});
