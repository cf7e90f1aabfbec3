#!/bin/sh
# Runs once, when the Postgres volume is created (docker-entrypoint-initdb.d). The application's
# own login role: no superuser, no CREATEDB/CREATEROLE; the migrations (run as the owner) grant it
# what it may do, and on audit_event only INSERT and SELECT (issue 13).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v wachtwoord="$APP_DB_WACHTWOORD" <<'SQL'
CREATE ROLE inburgering_app LOGIN PASSWORD :'wachtwoord' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO inburgering_app;
SQL
