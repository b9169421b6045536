-- The history is append-only for the service itself: UPDATE was already refused; now
-- DELETE and TRUNCATE are too. Only two guarded functions may remove entries: the purge of
-- a deleted account and the retention sweep. They run as a role of their own
-- (audit_history_purger, NOLOGIN), and the delete trigger lets only that role through, so
-- a DELETE written anywhere else fails whatever role the service connects as. (A superuser
-- can still disable triggers or take the role: that is an operator, not the service.)

-- Roles are cluster-wide: another database (or a concurrent migration) may have made it. A
-- migrating role that may not create roles (a managed database's owner) finds it made by the
-- administrator and granted to it (prisma/bootstrap.sql; CloudNativePG declares it), so it is
-- looked up first: CREATE ROLE checks the privilege before it checks for a duplicate.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'audit_history_purger') THEN
    CREATE ROLE audit_history_purger NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;
DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO audit_history_purger', current_schema());
END $$;
GRANT SELECT, DELETE ON audit_entries TO audit_history_purger;

CREATE FUNCTION audit_entries_delete_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user <> 'audit_history_purger' THEN
    RAISE EXCEPTION 'audit_entries is append-only: entries are removed only by forget_user_history() or sweep_history_before()'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION audit_entries_delete_guard();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();

-- The account-deletion purge (daybook.user.deleted.v1): every entry of one user.
CREATE FUNCTION forget_user_history(target_user uuid) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  removed bigint;
BEGIN
  DELETE FROM audit_entries WHERE user_id = target_user;
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END $$;

-- The retention sweep: up to `batch` of the oldest entries that happened before `cutoff`.
-- It refuses a cutoff within the last 12 hours, so no setting can make it empty the history
-- (the shortest retention is a day; the margin absorbs clocks that differ a little).
CREATE FUNCTION sweep_history_before(cutoff timestamptz, batch integer) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  removed bigint;
BEGIN
  IF cutoff IS NULL OR cutoff > now() - interval '12 hours' THEN
    RAISE EXCEPTION 'retention keeps at least the last day of history (cutoff %)', cutoff
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF batch IS NULL OR batch < 1 OR batch > 100000 THEN
    RAISE EXCEPTION 'batch must be between 1 and 100000 (got %)', batch USING ERRCODE = 'invalid_parameter_value';
  END IF;
  DELETE FROM audit_entries
   WHERE id IN (SELECT id FROM audit_entries WHERE occurred_at < cutoff ORDER BY occurred_at LIMIT batch);
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END $$;

-- A function's new owner must be allowed to create in its schema: granted for the hand-over only.
DO $$
BEGIN
  EXECUTE format('GRANT CREATE ON SCHEMA %I TO audit_history_purger', current_schema());
END $$;
ALTER FUNCTION forget_user_history(uuid) OWNER TO audit_history_purger;
ALTER FUNCTION sweep_history_before(timestamptz, integer) OWNER TO audit_history_purger;
DO $$
BEGIN
  EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM audit_history_purger', current_schema());
END $$;
-- Callable by the service's role (the one migrating), not by every role in the cluster.
REVOKE ALL ON FUNCTION forget_user_history(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION sweep_history_before(timestamptz, integer) FROM PUBLIC;
DO $$
BEGIN
  EXECUTE format('GRANT EXECUTE ON FUNCTION forget_user_history(uuid) TO %I', current_user);
  EXECUTE format('GRANT EXECUTE ON FUNCTION sweep_history_before(timestamptz, integer) TO %I', current_user);
  -- Privileges say it too, for a service role that is not a superuser (the trigger holds for any).
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM %I', current_user);
END $$;

-- The retention sweep reads entries by when they happened.
CREATE INDEX audit_entries_occurred_at_idx ON audit_entries (occurred_at);

-- The field-level diff of before and after, computed when the entry is written: a list of
-- { path, kind, from, to }. NULL when there is nothing to compare (the event carries no
-- "before", or the entry was written before diffs were kept).
ALTER TABLE audit_entries ADD COLUMN changes jsonb;

-- Who caused the event: "user:<id>" (published while serving that user's request) or
-- "service:<name>" (a service acting on another event). NULL for entries written before.
ALTER TABLE audit_entries ADD COLUMN actor text;
