// The command line of both binaries, run as an operator runs it: --version, --help, check-config (valid, invalid,
// secrets masked), migrate status before and after migrate, and an unknown subcommand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../../..');
const secret = Buffer.from('a-test-only-key-of-at-least-32-bytes!!').toString('base64');

const apps = [
  { name: 'bbodok', bin: process.env.BBODOK_BIN, prefix: 'BBODOK', migrations: 'migrations/bbodok' },
  { name: 'daengtionary', bin: process.env.DAENGTIONARY_BIN, prefix: 'DAENGTIONARY', migrations: 'migrations/daengtionary' },
];

function run(app, args, env = {}) {
  const result = spawnSync(app.bin, ['--config', `config/${app.name}.toml`, ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, [`${app.prefix}_JWT_SECRET`]: secret, ...env },
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

for (const app of apps) {
  test(`${app.name}: --version and --help name the program and every subcommand`, () => {
    const version = run(app, ['--version']);
    assert.equal(version.status, 0);
    assert.match(version.out, new RegExp(`^${app.name} \\d+\\.\\d+\\.\\d+`));
    const help = run(app, ['--help']);
    assert.equal(help.status, 0);
    for (const word of ['serve', 'migrate', 'check-config', 'seed', '--config', '--version']) assert.ok(help.out.includes(word), word);
    const migrateHelp = run(app, ['migrate', '--help']);
    assert.ok(migrateHelp.out.includes('status'));
  });

  test(`${app.name}: check-config prints every effective value with its source, secrets masked`, () => {
    const checked = run(app, ['check-config'], {
      [`${app.prefix}_HTTP_PORT`]: '9123',
      [`${app.prefix}_SQL_URL`]: 'postgresql://app:hunter2@db.internal:5432/app',
    });
    assert.equal(checked.status, 0, checked.err);
    assert.match(checked.out, new RegExp(`^http\\.port = 9123 +# environment \\(${app.prefix}_HTTP_PORT\\)$`, 'm'));
    assert.match(checked.out, /^jwt\.secret = \*\*\*\* +# environment/m);
    assert.match(checked.out, /^sql\.url = postgresql:\/\/app:\*\*\*\*@db\.internal:5432\/app /m);
    assert.ok(!checked.out.includes('hunter2'));
    assert.ok(!checked.out.includes(secret));
    assert.match(checked.out, /^log\.level = \w+ +# (file|default)$/m);
  });

  test(`${app.name}: check-config refuses a bad value, naming the key, with exit status 2`, () => {
    const bad = run(app, ['check-config'], { [`${app.prefix}_HTTP_PORT`]: 'eighty' });
    assert.equal(bad.status, 2);
    assert.match(bad.err, /http\.port/);
    const missing = spawnSync(app.bin, ['--config', `config/${app.name}.toml`, 'check-config'], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH } });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /jwt\.secret/);
  });

  test(`${app.name}: migrate status lists pending migrations, then applied ones, and writes nothing itself`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), `${app.name}-cli-`));
    try {
      const env = { [`${app.prefix}_SQL_URL`]: `sqlite:${dir}/db.sqlite`, [`${app.prefix}_SQL_MIGRATIONS`]: app.migrations };
      const before = run(app, ['migrate', 'status'], env);
      assert.equal(before.status, 0, before.err);
      const lines = before.out.trim().split('\n');
      assert.ok(lines.length >= 2);
      assert.ok(lines.every((line) => /^\s*\d+\s+\S+\.sql\s+pending$/.test(line)), before.out);
      assert.equal(run(app, ['migrate', 'status'], env).out, before.out);
      assert.equal(run(app, ['migrate'], env).status, 0);
      const after = run(app, ['migrate', 'status'], env);
      assert.equal(after.out.trim().split('\n').length, lines.length);
      assert.ok(after.out.trim().split('\n').every((line) => / applied \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/.test(line)), after.out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`${app.name}: an unknown subcommand or option is refused with a hint, not served`, () => {
    const unknown = run(app, ['serv']);
    assert.notEqual(unknown.status, 0);
    assert.match(unknown.err, /--help/);
    assert.notEqual(run(app, ['migrate', 'sideways']).status, 0);
    assert.notEqual(run(app, ['--port', '80']).status, 0);
  });
}
