-- Subtasks: a task may belong to another of the same user's tasks. The use cases keep the
-- nesting shallow and acyclic; deleting a parent for good (forgetting a user) takes its
-- subtasks with it.
ALTER TABLE tasks ADD COLUMN parent_id uuid REFERENCES tasks (id) ON DELETE CASCADE;
CREATE INDEX tasks_parent_id_idx ON tasks (parent_id);
