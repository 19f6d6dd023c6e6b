// The apps' OpenAPI documents in e2e tests: where they and Swagger UI are, the checks every app's document gets
// (served as written, Swagger UI's files, no drift logged at start), and example responses compared with what
// the real server answers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const repoRoot = path.resolve(here, '../../..');
export const SWAGGER_UI_DIR = path.join(repoRoot, 'web/swagger-ui/node_modules/swagger-ui-dist');
export const documentFile = (app) => path.join(repoRoot, 'apps', app, 'api/openapi.json');
export const readDocument = (app) => JSON.parse(fs.readFileSync(documentFile(app), 'utf8'));

// The environment that points an app at its document and at Swagger UI (as `scripts/run`'s defaults do from the
// repository's root; the e2e servers run in a temporary directory).
export function openapiEnv(app) {
  const prefix = app.toUpperCase();
  return { [`${prefix}_OPENAPI_DOCUMENT`]: documentFile(app), [`${prefix}_OPENAPI_SWAGGER_UI`]: SWAGGER_UI_DIR };
}

const jsonType = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

// The schema behind `$ref`s, and what a schema says about one value: its JSON types, a property's and an item's schema.
function resolve(doc, schema) {
  while (schema?.$ref) schema = schema.$ref.split('/').slice(1).reduce((at, key) => at[key], doc);
  return schema ?? {};
}
function alternatives(doc, schema) {
  const resolved = resolve(doc, schema);
  const choices = resolved.oneOf ?? resolved.anyOf;
  return choices ? choices.flatMap((choice) => alternatives(doc, choice)) : [resolved];
}
function types(doc, schema) {
  const found = new Set();
  for (const alt of alternatives(doc, schema)) {
    for (const type of [alt.type ?? []].flat()) found.add(type === 'integer' ? 'number' : type);
  }
  return found;
}
const partOf = (doc, schema, pick) => alternatives(doc, schema).map(pick).find((part) => part !== undefined);

// Same keys and same JSON types as the example, recursively; every element of an array against the example's first.
// Where one side is null and the other is not, the document's schema decides (a place without an image has
// `mapImgUrl: null` where the example shows a URL).
export function assertSameShape(doc, schema, actual, example, where = '$') {
  const [got, want] = [jsonType(actual), jsonType(example)];
  if (got !== want && (got === 'null' || want === 'null')) {
    const allowed = types(doc, schema);
    assert.ok(allowed.has(got) && allowed.has(want), `${where}: ${JSON.stringify(actual)} where the example has ${JSON.stringify(example)} and the schema allows ${[...allowed]}`);
    return;
  }
  assert.equal(got, want, `${where}: ${JSON.stringify(actual)} is not shaped like the example ${JSON.stringify(example)}`);
  if (Array.isArray(example)) {
    const items = partOf(doc, schema, (alt) => alt.items);
    if (example.length > 0) actual.forEach((item, i) => assertSameShape(doc, items, item, example[0], `${where}[${i}]`));
  } else if (want === 'object') {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(example).sort(), `${where}: keys differ from the example's`);
    for (const key of Object.keys(example)) {
      assertSameShape(doc, partOf(doc, schema, (alt) => alt.properties?.[key]), actual[key], example[key], `${where}.${key}`);
    }
  }
}

// Every JSON example response in the document: "GET /path 200" for one written in an operation,
// "#/components/responses/Name" once for a shared response that has one.
export function exampleResponses(doc) {
  const found = new Map();
  for (const [route, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation.responses) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        const key = response.$ref ?? `${method.toUpperCase()} ${route} ${status}`;
        const resolved = response.$ref ? doc.components.responses[response.$ref.split('/').pop()] : response;
        const content = resolved.content?.['application/json'];
        if (content?.example !== undefined) {
          found.set(key, { status: response.$ref ? null : Number(status), example: content.example, schema: content.schema });
        }
      }
    }
  }
  return found;
}

// Runs one check per example: `answers[key]()` makes the real request and resolves to { status, body }. Fails when
// the document has an example nobody checks or the table names one the document lacks, so both stay in step.
export async function checkExamples(doc, answers) {
  const examples = exampleResponses(doc);
  assert.deepEqual([...Object.keys(answers)].sort(), [...examples.keys()].sort(), 'examples in the document vs. checks in the test');
  for (const [key, { status, example, schema }] of examples) {
    const res = await answers[key]();
    if (status !== null) assert.equal(res.status, status, `${key}: HTTP status (body ${JSON.stringify(res.body)})`);
    assertSameShape(doc, schema, res.body, example, key);
  }
}

// The checks that do not depend on the app: the document as written, Swagger UI's files, the start-up drift check.
export function documentServingTests(test, app) {
  test('GET /v3/api-docs answers the document as written, as JSON, with an ETag that revalidates', async (server) => {
    const res = await fetch(`${server.url}/v3/api-docs`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    assert.equal(await res.text(), fs.readFileSync(documentFile(app), 'utf8'));
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const etag = res.headers.get('etag');
    assert.match(etag, /^"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await fetch(`${server.url}/v3/api-docs`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
  });

  test('the document is OpenAPI 3.1 with a relative server and a bearer scheme on protected operations', async () => {
    const doc = readDocument(app);
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.servers.map((s) => s.url), ['/']);
    assert.deepEqual(doc.components.securitySchemes.bearerAuth, { ...doc.components.securitySchemes.bearerAuth, type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    for (const [route, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const secured = (operation.security ?? []).some((s) => 'bearerAuth' in s);
        assert.equal(secured, '401' in operation.responses, `${method} ${route}: bearer security iff it can answer 401`);
        for (const name of route.matchAll(/\{(\w+)\}/g)) {
          assert.ok((operation.parameters ?? []).some((p) => p.in === 'path' && p.name === name[1]), `${method} ${route}: path parameter ${name[1]}`);
        }
      }
    }
  });

  test('the server logged no drift between its routes and the document', async (server) => {
    // Info lines reach the log within a second (buffered output); warnings at once.
    const deadline = Date.now() + 5_000;
    while (!/openapi: (drift|\S+ documents all)/.test(server.log()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const log = server.log();
    assert.deepEqual(log.split('\n').filter((line) => line.includes('openapi: drift')), []);
    assert.match(log, /openapi: \S+ documents all \d+ registered routes/);
  });

  test('/swagger-ui redirects to /swagger-ui/, which serves swagger-ui-dist with our initializer', async (server) => {
    const redirect = await fetch(`${server.url}/swagger-ui`, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.equal(new URL(redirect.headers.get('location'), `${server.url}/swagger-ui`).pathname, '/swagger-ui/');
    for (const page of ['/swagger-ui/', '/swagger-ui/index.html']) {
      const res = await fetch(server.url + page);
      assert.equal(res.status, 200, page);
      assert.match(res.headers.get('content-type'), /^text\/html/);
      assert.equal(await res.text(), fs.readFileSync(path.join(SWAGGER_UI_DIR, 'index.html'), 'utf8'));
    }
    const bundle = await fetch(`${server.url}/swagger-ui/swagger-ui-bundle.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type'), /^text\/javascript/);
    assert.match(bundle.headers.get('cache-control'), /max-age=\d+/);
    assert.equal(Buffer.from(await bundle.arrayBuffer()).length, fs.statSync(path.join(SWAGGER_UI_DIR, 'swagger-ui-bundle.js')).size);
    const css = await fetch(`${server.url}/swagger-ui/swagger-ui.css`);
    assert.match(css.headers.get('content-type'), /^text\/css/);
    const initializer = await (await fetch(`${server.url}/swagger-ui/swagger-initializer.js`)).text();
    assert.match(initializer, /url: "\.\.\/v3\/api-docs"/);
    assert.doesNotMatch(initializer, /petstore/);
  });

  test('/swagger-ui/ serves nothing but its files: no traversal, no other file of the package', async (server) => {
    for (const target of ['/swagger-ui/..%2F..%2Fpackage.json', '/swagger-ui/%2e%2e/%2e%2e/etc/passwd',
                          '/swagger-ui/package.json', '/swagger-ui/swagger-ui-bundle.js.map', '/swagger-ui/a/b']) {
      const res = await fetch(server.url + target);
      assert.equal(res.status, 404, target);
      assert.doesNotMatch(await res.text(), /"name"|root:/, target);
    }
  });
}
