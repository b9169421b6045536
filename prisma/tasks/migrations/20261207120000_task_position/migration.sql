-- Manual order of tasks within a list (the Inbox being the tasks with no list): a
-- fractional index (npm fractional-indexing), so a move writes the moved task's row only,
-- with a key between its new neighbours'. Keys compare byte by byte, hence COLLATE "C".
ALTER TABLE tasks ADD COLUMN position text COLLATE "C";

-- Existing tasks keep the order they were created in, per user and list: keys 'c000',
-- 'c001', ... (a valid fractional index: 'c' then three base-62 digits, 238,328 keys).
WITH numbered AS (
  SELECT id, row_number() OVER (PARTITION BY user_id, list_id ORDER BY created_at, id) - 1 AS n
  FROM tasks
)
UPDATE tasks t
SET position = 'c'
  || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', ((n / 3844) % 62)::int + 1, 1)
  || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', ((n / 62) % 62)::int + 1, 1)
  || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (n % 62)::int + 1, 1)
FROM numbered
WHERE t.id = numbered.id;

ALTER TABLE tasks ALTER COLUMN position SET NOT NULL;
CREATE INDEX tasks_user_id_list_id_position_idx ON tasks (user_id, list_id, position);
