#!/bin/bash
# Entrypoint of localhost/daybook-postgres (Debian's postgresql-15), run as the postgres user.
# First start: initdb into $PGDATA, the superuser "postgres" and the app's owner role
# ($POSTGRES_USER, password $POSTGRES_PASSWORD, role options $POSTGRES_USER_OPTIONS) with its
# database ($POSTGRES_DB), then every /docker-entrypoint-initdb.d/*.sql in that database; password
# (scram) for every TCP client. Then postgres in the foreground, with any extra "-c" options.
set -euo pipefail
: "${PGDATA:=/var/lib/postgresql/data/pgdata}" "${POSTGRES_USER:=daybook}" "${POSTGRES_DB:=daybook}"
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
bin=/usr/lib/postgresql/15/bin
# The socket folder (/run/postgresql): made here when /run is writable, else the image's.
mkdir -p /run/postgresql 2>/dev/null || true
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  echo "initdb $PGDATA"
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  "$bin/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust \
    --auth-host=scram-sha-256 --no-instructions
  echo "host all all 0.0.0.0/0 scram-sha-256" >>"$PGDATA/pg_hba.conf"
  # Single-user mode: one statement per line, nothing listens yet. The password is given
  # through a psql-free path: quoted here, never logged.
  pw="${POSTGRES_PASSWORD//\'/\'\'}"
  "$bin/postgres" --single -D "$PGDATA" postgres >/dev/null <<SQL
CREATE ROLE "$POSTGRES_USER" LOGIN ${POSTGRES_USER_OPTIONS:-} PASSWORD '$pw';
CREATE DATABASE "$POSTGRES_DB" OWNER "$POSTGRES_USER";
SQL
  # Then the administrator's SQL (the official image's /docker-entrypoint-initdb.d), as the
  # superuser in the app's database; -j: a statement ends at a semicolon and an empty line.
  for sql in /docker-entrypoint-initdb.d/*.sql; do
    [[ -e "$sql" ]] || continue
    echo "running $sql"
    "$bin/postgres" --single -j -D "$PGDATA" "$POSTGRES_DB" <"$sql" >/dev/null
  done
fi
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses='*' "$@"
