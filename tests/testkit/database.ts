// A private copy of a database for one test file (CREATE DATABASE … TEMPLATE, about a second). Used where a
// file's work would be seen by other files sharing the run's database: browser journeys change the demo
// world, and the mail worker's sweep sends every pending row in the outbox, whoever queued it.
import pg from "pg";

export interface DatabaseCopy {
  url: string;
  drop(): Promise<void>;
}

/** Copies the database at templateUrl; no session may be connected to the template while it is copied. */
export async function cloneDatabase(templateUrl: string, label = "copy"): Promise<DatabaseCopy> {
  const template = new URL(templateUrl).pathname.slice(1);
  const name = `${template}_${label}_${process.pid}_${Date.now().toString(36)}`;
  // Administer from template1: a session on the template would block the copy.
  const admin = new URL(templateUrl);
  admin.pathname = "/template1";
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
