-- What each next occurrence of a series is copied from. Kept apart from the tasks, so the
-- latest occurrence can be edited on its own ("this occurrence only") without changing the
-- ones after it; "this and future" edits change the template too.
CREATE TABLE series_templates (
  series_id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  title text NOT NULL,
  notes text NOT NULL DEFAULT '',
  priority text NOT NULL DEFAULT 'none',
  list_id uuid,
  tag_ids uuid[] NOT NULL DEFAULT '{}',
  -- Reminders relative to the due date, in minutes; absolute ones belong to one occurrence.
  reminder_minutes integer[] NOT NULL DEFAULT '{}',
  recurrence_rule text,
  recurrence_mode text,
  recurrence_missed text,
  recurrence_exdates text[] NOT NULL DEFAULT '{}',
  -- The newest occurrence: edits to it default to "this and future".
  latest_task_id uuid NOT NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX series_templates_user_id_idx ON series_templates (user_id);

-- Existing series: the template is their newest occurrence, as it was until now.
INSERT INTO series_templates (series_id, user_id, title, notes, priority, list_id, tag_ids, reminder_minutes,
  recurrence_rule, recurrence_mode, recurrence_missed, recurrence_exdates, latest_task_id)
SELECT DISTINCT ON (COALESCE(t.series_id, t.id))
  COALESCE(t.series_id, t.id), t.user_id, t.title, t.notes, t.priority, t.list_id,
  COALESCE((SELECT array_agg(tt.tag_id) FROM task_tags tt WHERE tt.task_id = t.id), '{}'),
  COALESCE((SELECT array_agg(r.minutes_before ORDER BY r.position) FROM reminders r
            WHERE r.task_id = t.id AND r.type = 'relative'), '{}'),
  t.recurrence_rule, t.recurrence_mode, t.recurrence_missed, t.recurrence_exdates, t.id
FROM tasks t
WHERE t.series_id IS NOT NULL OR t.recurrence_rule IS NOT NULL
ORDER BY COALESCE(t.series_id, t.id), t.created_at DESC, t.id DESC;
