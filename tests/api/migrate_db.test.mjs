// `blankett migrate-db`: the demo installation (with answers, an attachment and the audit log) copied
// from SQLite into PostgreSQL and back gives identical row counts and checksums; a target that is not
// empty is refused; a server started on the copy serves the same data. Runs once, beside the SQLite
// run of the API suite, on the PostgreSQL server that scripts/test starts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { Server, binary, onPostgres, people, postgresUrl, psql, sample } from './server.mjs';

const postgres = process.env.BLANKETT_TEST_POSTGRES;

function migrate(from, to) {
  const run = spawnSync(binary, ['migrate-db', from, to, '--compact'], { encoding: 'utf8', timeout: 120000 });
  let json;
  try { json = JSON.parse(run.stdout); } catch { json = undefined; }
  return { status: run.status, json, stderr: run.stderr };
}

test('migrate-db: SQLite into PostgreSQL and back, identical checksums', { skip: (onPostgres || !postgres) && 'once, with PostgreSQL at hand' }, async () => {
  const server = await Server.start();
  const name = `blankett_migrate_${process.pid}`;
  psql(postgres, `CREATE DATABASE ${name}`);
  const target = postgresUrl(name);
  try {
    // Some life in the demo: an answer submitted, one with an attachment, the audit log.
    const nurse = await server.staff('sjukskoterska');
    const templates = (await nurse.get('/api/v1/templates')).json.templates;
    const phq = templates.find((t) => t.form_id === 'phq-9').id;
    const sent = await nurse.post('/api/v1/dispatches', { template: phq, recipients: [people.erik] });
    const id = sent.json.recipients[0].instance;
    const erik = await server.citizen(people.erik);
    assert.equal((await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: sample('phq-9', 'answers/total-10.json').answers })).status, 200);
    assert.equal((await erik.post(`/api/v1/citizen/forms/${id}/review`)).status, 200);
    assert.equal((await erik.post(`/api/v1/citizen/forms/${id}/submit`)).status, 200);
    assert.equal((await nurse.get(`/api/v1/answers/${id}`)).status, 200);
    await server.stop();

    const there = migrate(server.database, target);
    assert.equal(there.status, 0, there.stderr);
    assert.equal(there.json.ok, true);
    const rows = Object.fromEntries(there.json.source.map((t) => [t.table, t.rows]));
    assert.equal(rows.units, 2);
    assert.equal(rows.staff, 4);
    assert.ok(rows.instances >= 6 && rows.audit >= 2 && rows.template_versions >= 10, JSON.stringify(rows));
    assert.deepEqual(there.json.target, there.json.source);

    // A second copy into the same target is refused, and the target is left as it was.
    const again = migrate(server.database, target);
    assert.equal(again.status, 2);
    assert.equal(again.json.error.code, 'migrate.refused');
    assert.match(again.json.error.message, /not empty/);

    const back = path.join(server.dir, 'back.db');
    const home = migrate(target, back);
    assert.equal(home.status, 0, home.stderr);
    assert.deepEqual(home.json.target, there.json.source, 'SQLite -> PostgreSQL -> SQLite: the same rows');

    // The copy serves: the same people, answers and passwords, and new ids after the copied ones.
    const copy = await Server.start({ database: target, demo: 'off' });
    try {
      copy.passwords = server.passwords;
      const reader = await copy.staff('sjukskoterska');
      const answer = await reader.get(`/api/v1/answers/${id}`);
      assert.equal(answer.status, 200);
      assert.equal(answer.json.state, 'COMPLETED');
      const more = await reader.post('/api/v1/dispatches', { template: phq, recipients: [people.anna] });
      assert.equal(more.status, 201, more.text);
      assert.ok(more.json.recipients[0].instance > id);
    } finally {
      await copy.close();
    }
  } finally {
    psql(postgres, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await server.close();
  }
});
