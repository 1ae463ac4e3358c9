import type { PgServer } from './postgres.js';

/** The operator role of README "For a team": INSERT and SELECT on imp's tables, nothing else. */
export async function grantOperator(server: PgServer, db: string, role: { user: string; password: string }) {
  await server.sql(`CREATE ROLE ${role.user} LOGIN PASSWORD '${role.password}'`);
  await server.sql(
    `GRANT CONNECT ON DATABASE ${db} TO ${role.user};
     GRANT USAGE ON SCHEMA imp TO ${role.user};
     GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA imp TO ${role.user};`,
    db,
  );
  return `postgres://${role.user}:${encodeURIComponent(role.password)}@127.0.0.1:${server.port}/${db}`;
}
