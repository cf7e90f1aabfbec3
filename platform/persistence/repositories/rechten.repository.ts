import type { Db } from './db';

/** The login role the API and the workers use in production (docker-compose.yml, postgres-init/). */
export const APP_ROL = 'inburgering_app';

/**
 * Least privilege for the application (issue 13): the owner runs the migrations; the app role
 * (no superuser, created by the DBA or compose's init script) may read and write the tables, but on
 * `audit_event` only read and INSERT: no UPDATE, DELETE or TRUNCATE, whatever the code does (the
 * append-only triggers stay as a second wall). Run after every migration, so a table added later
 * gets the same rights; does nothing when the role does not exist (the embedded default).
 */
export class RechtenRepository {
  constructor(private readonly db: Db) {}

  async geefAppRechten(rol = APP_ROL): Promise<boolean> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(rol)) throw new Error('ongeldige rolnaam');
    const [bestaat] = (await this.db.query('SELECT 1 AS ja FROM pg_roles WHERE rolname = $1', [
      rol,
    ])) as unknown[];
    if (!bestaat) return false;
    await this.db.query(`GRANT USAGE ON SCHEMA public TO ${rol}`);
    await this.db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${rol}`);
    await this.db.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${rol}`);
    await this.db.query(
      `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_event FROM ${rol}, PUBLIC`,
    );
    await this.db.query(`GRANT SELECT, INSERT ON audit_event TO ${rol}`);
    // The migrations' own bookkeeping is the owner's.
    await this.db.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migraties FROM ${rol}`);
    return true;
  }
}
