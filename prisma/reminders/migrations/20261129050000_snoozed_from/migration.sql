-- The time the task asked for when the reminder was snoozed: while the task still asks for
-- that time, an edit of the task leaves the snooze alone.
ALTER TABLE scheduled_reminders ADD COLUMN snoozed_from timestamptz(3);
