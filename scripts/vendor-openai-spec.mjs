#!/usr/bin/env node
// Vendors the component schemas the fake OpenAI server must conform to, from OpenAI's
// published OpenAPI description (github.com/openai/openai-openapi, MIT), pinned by commit.
//   node scripts/vendor-openai-spec.mjs [--git-dir <bare mirror>] [--commit <sha>]
// Writes test/fixtures/openai-openapi/schemas.json: the roots below plus their transitive
// `$ref` closure, with the source commit, API version and licence recorded in the file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const gitDir = opt('--git-dir', '/work/.mirror/openai+openai-openapi/repo');
const commitish = opt('--commit', 'f85dbe22');

/** What the fakes answer with (HTTP bodies, SSE events, Realtime server events). */
export const ROOTS = [
  'Response',
  'ResponseStreamEvent',
  'CreateChatCompletionStreamResponse',
  'CreateChatCompletionResponse',
  'ListModelsResponse',
  'Model',
  'ErrorResponse',
  'RealtimeServerEvent',
  'RealtimeCreateClientSecretResponse',
];

const git = (...a) => execFileSync('git', ['--git-dir', gitDir, ...a], { maxBuffer: 64 << 20 }).toString('utf8');
const commit = git('rev-parse', `${commitish}^{commit}`).trim();
const spec = JSON.parse(git('show', `${commit}:openapi.json`));
const all = spec.components?.schemas ?? {};

const PREFIX = '#/components/schemas/';
const wanted = new Set();
const queue = [...ROOTS];
while (queue.length > 0) {
  const name = queue.shift();
  if (wanted.has(name)) continue;
  if (!(name in all)) throw new Error(`schema ${name} is not in ${commit}`);
  wanted.add(name);
  (function walk(node) {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        if (!value.startsWith(PREFIX)) throw new Error(`unsupported $ref ${value}`);
        queue.push(decodeURIComponent(value.slice(PREFIX.length)));
      } else if (key === 'mapping' && node.propertyName && value && typeof value === 'object') {
        // discriminator mappings name schemas too
        for (const ref of Object.values(value)) if (typeof ref === 'string' && ref.startsWith(PREFIX)) queue.push(ref.slice(PREFIX.length));
      } else walk(value);
    }
  })(all[name]);
}

const schemas = Object.fromEntries([...wanted].sort().map((name) => [name, all[name]]));
const out = {
  source: {
    repository: 'https://github.com/openai/openai-openapi',
    commit,
    file: 'openapi.json',
    openapi: spec.openapi,
    version: spec.info?.version,
    license: spec.info?.license ?? { name: 'MIT' },
    generatedBy: 'scripts/vendor-openai-spec.mjs',
  },
  roots: ROOTS,
  components: { schemas },
};
const file = resolve(import.meta.dirname, '../test/fixtures/openai-openapi/schemas.json');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
const licence = git('show', `${commit}:LICENSE`);
writeFileSync(
  resolve(dirname(file), 'LICENSE'),
  `schemas.json holds an extract (component schemas only) of openapi.json from\nhttps://github.com/openai/openai-openapi at commit ${commit}\n(API version ${spec.info?.version}), made by scripts/vendor-openai-spec.mjs.\nIt is redistributed under that repository's licence, reproduced below.\n\n${licence}`,
);
console.log(`${wanted.size} schemas from ${commit.slice(0, 8)} (v${spec.info?.version}) -> ${file}`);
