-- What the migrations need of an administrator, once per database, run by a superuser while
-- connected to Daybook's database: the migrations run as the database's owner, which on a
-- managed PostgreSQL may not create roles. Locally the owner is a superuser and the migrations
-- do this themselves; CloudNativePG declares the same in k8s/base/postgres/cluster.yaml
-- (managed roles). Safe to run again.
--
--   psql "$ADMIN_DATABASE_URL" -v ON_ERROR_STOP=1 -f prisma/bootstrap.sql
--
-- audit_history_purger: the role the audit history's two deleting functions run as
-- (prisma/audit, 20261129100000_guarded_deletion_and_diffs). The owner is made a member so
-- that its migration can hand the functions over to it.
DO $$
DECLARE
  owner name := (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database());
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'audit_history_purger') THEN
    CREATE ROLE audit_history_purger NOLOGIN;
  END IF;
  EXECUTE format('GRANT audit_history_purger TO %I', owner);
END $$;
