/**
 * The packaged app, as electron-builder makes it: runs `electron-builder --linux dir` with the
 * real electron-builder.yml (only the output folder and the Electron distribution are
 * overridden: a temp folder, and a stand-in dist with Electron 45's fuse wire, since the real
 * Electron cannot be downloaded here), then checks what only the package can show:
 *  - every module the built main bundle loads resolves inside app.asar (not thanks to the
 *    project's node_modules), through the whole dependency graph;
 *  - keytar's native .node is unpacked next to the archive;
 *  - no sources, tests, fakes, source maps or dev-only packages ship;
 *  - the three renderer pages and everything electron-vite built are inside;
 *  - the fuses flipped in the executable are the ones electron-builder.yml asks for.
 * `npm test` builds the bundles first (scripts/test.sh); this builds them only if out/ is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { archFromString, build, DIR_TARGET, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsarModules, packageNameOf, walkModuleGraph } from '../support/asar-module-graph';
import { ELECTRON_45_DEFAULT_FUSES, FUSE_OFF, FUSE_ON, makeElectronDistStandIn } from '../support/electron-dist-stand-in';

const root = resolve(import.meta.dirname, '..', '..');
const configFile = join(root, 'electron-builder.yml');
const require = createRequire(join(root, 'node_modules', 'electron-builder', 'package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  asarUnpack?: string[];
  electronFuses: Record<string, boolean>;
  extraResources: { from: string; to: string; filter?: string[] }[];
  linux: { executableName: string };
}
interface PackageJson {
  main: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const config = yaml.load(readFileSync(configFile, 'utf8')) as BuilderConfig;
const projectPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
const MB = 1024 * 1024;

/** Every file under `dir` on disk, as posix paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

function ensureBundles(): void {
  const needed = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
  if (needed.every((f) => existsSync(join(root, f)))) return;
  execFileSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
}

/** The installed packages production code can reach: package.json's dependencies, optionalDependencies and theirs (with installed peers), by name. */
function productionClosure(): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (fromDir: string, pkg: PackageJson): void => {
    const wanted = { ...pkg.peerDependencies, ...pkg.optionalDependencies, ...pkg.dependencies };
    for (const name of Object.keys(wanted)) {
      let found: string | null = null;
      for (let dir = fromDir; ; dir = dirname(dir)) {
        const candidate = join(dir, 'node_modules', name);
        if (existsSync(join(candidate, 'package.json'))) {
          found = candidate;
          break;
        }
        if (dir === root || dirname(dir) === dir) break;
      }
      if (found === null) continue; // an optional or peer dependency that is not installed
      names.add(name);
      if (seen.has(found)) continue;
      seen.add(found);
      visit(found, JSON.parse(readFileSync(join(found, 'package.json'), 'utf8')) as PackageJson);
    }
  };
  visit(root, projectPackage);
  return names;
}

/** Package names in an archive path list, at any node_modules depth. */
function packagesIn(paths: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = parts.lastIndexOf('node_modules'); i !== -1; i = parts.lastIndexOf('node_modules', i - 1)) {
      const name = parts[i + 1]?.startsWith('@') ? parts.slice(i + 1, i + 3).join('/') : parts[i + 1];
      if (name) names.add(name);
      if (i === 0) break;
    }
  }
  return names;
}

let work = '';
let appOutDir = '';
let executable = '';
let standInExecutable = '';
let asarPath = '';
let modules: AsarModules;
/** out/ as electron-vite left it when electron-builder started (it may be rebuilt while the tests run). */
let builtFiles: string[] = [];

beforeAll(async () => {
  ensureBundles();
  builtFiles = filesUnder(join(root, 'out')).map((f) => `out/${f}`);
  work = mkdtempSync(join(tmpdir(), 'frok-packaged-'));
  const dist = makeElectronDistStandIn(join(work, 'electron-dist'));
  standInExecutable = dist.executable;
  // Nothing may try to fetch Electron: electronDist is given, and this makes sure.
  process.env['ELECTRON_SKIP_BINARY_DOWNLOAD'] = '1';
  const output = join(work, 'dist');
  const started = Date.now();
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget(DIR_TARGET, archFromString(process.arch)),
    publish: 'never',
    // `extends` with a path loads that file as the configuration, and these few keys go over it.
    config: { extends: configFile, directories: { output }, electronDist: dist.dir },
  });
  const unpacked = readdirSync(output).filter((name) => name.startsWith('linux') && name.endsWith('-unpacked'));
  expect(unpacked, `electron-builder's output in ${output}`).toHaveLength(1);
  appOutDir = join(output, unpacked[0]!);
  executable = join(appOutDir, config.linux.executableName);
  asarPath = join(appOutDir, 'resources', 'app.asar');
  modules = new AsarModules(asarPath);
  console.info(
    `electron-builder --linux dir took ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `app.asar is ${(statSync(asarPath).size / MB).toFixed(1)} MB (${modules.files.size} files)`,
  );
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the stand-in Electron distribution', () => {
  it('carries Electron 45’s fuse wire at its defaults, which @electron/fuses reads back', async () => {
    const wire = await getCurrentFuseWire(standInExecutable);
    expect(wire.version).toBe('1');
    const states = Object.entries(wire).filter(([key]) => /^\d+$/.test(key));
    expect(states).toEqual(ELECTRON_45_DEFAULT_FUSES.map((fuse, i) => [String(i), fuse.state]));
    // @electron/fuses 1.8 names the first eight, in the same order.
    expect(FuseV1Options.RunAsNode).toBe(0);
    expect(FuseV1Options.GrantFileProtocolExtraPrivileges).toBe(7);
  });

  it('the resolver used below does report a module missing from an archive', async () => {
    const src = join(work, 'tiny-app');
    mkdirSync(join(src, 'out', 'main'), { recursive: true });
    mkdirSync(join(src, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(join(src, 'out', 'main', 'index.js'), "import 'dep';\nimport 'absent';\nimport './gone.js';\nimport 'node:fs';\nimport 'electron';\n");
    writeFileSync(join(src, 'node_modules', 'dep', 'package.json'), JSON.stringify({ name: 'dep', dependencies: { sub: '1' }, exports: { '.': { import: './esm.js' } } }));
    writeFileSync(join(src, 'node_modules', 'dep', 'esm.js'), "import 'sub';\n// import 'in-a-comment';\n");
    await createPackage(src, join(work, 'tiny.asar'));
    const { problems } = walkModuleGraph(new AsarModules(join(work, 'tiny.asar')), ['out/main/index.js']);
    expect(problems.map((p) => `${p.from} → ${p.specifier}`).sort()).toEqual(
      ['node_modules/dep/esm.js → sub', 'out/main/index.js → ./gone.js', 'out/main/index.js → absent'].sort(),
    );
  });
});

describe('the packaged app (electron-builder --linux dir, real electron-builder.yml)', () => {
  it('lays out linux-unpacked: the frok executable, app.asar, the tray icons next to it, Electron’s license', () => {
    expect(statSync(executable).mode & 0o111, `${executable} is executable`).not.toBe(0);
    expect(existsSync(join(appOutDir, 'electron')), 'the Electron binary was renamed').toBe(false);
    expect(existsSync(join(appOutDir, 'LICENSE.electron.txt'))).toBe(true);
    expect(existsSync(join(appOutDir, 'resources', 'app')), 'no unpacked app folder beside app.asar').toBe(false);
    for (const extra of config.extraResources) {
      const wanted = filesUnder(join(root, extra.from)).filter((f) => !extra.filter || extra.filter.some((p) => f.endsWith(p.replace(/^\*/, ''))));
      expect(wanted.length).toBeGreaterThan(0);
      expect(filesUnder(join(appOutDir, 'resources', extra.to)).sort()).toEqual(wanted.sort());
    }
  });

  it('every module the main bundle loads resolves inside app.asar (or is a Node built-in or electron), through its whole graph', () => {
    const archivePackage = JSON.parse(modules.read('package.json').toString('utf8')) as PackageJson;
    expect(modules.files.has(archivePackage.main), `package.json main (${archivePackage.main}) is in the archive`).toBe(true);
    const mainFiles = [...modules.files.keys()].filter((f) => /^out\/main\/[^/]+\.(c|m)?js$/.test(f));
    expect(mainFiles).toContain(archivePackage.main);

    const declared = new Set(Object.keys({ ...projectPackage.dependencies, ...projectPackage.optionalDependencies }));
    const direct: string[] = [];
    const entries = [...mainFiles];
    for (const file of mainFiles) {
      const { loads, untraced } = modules.namedConstantLoadsOf(file);
      expect(untraced, `${file} loads modules by a computed name this check cannot follow`).toEqual([]);
      for (const { specifier, kind } of [...modules.specifiersOf(file), ...loads]) {
        const resolution = modules.resolve(specifier, file, kind);
        expect(resolution.kind, `${file} loads ${specifier}: ${resolution.kind === 'missing' ? resolution.reason : ''}`).not.toBe('missing');
        if (resolution.kind === 'file' && !specifier.startsWith('.')) {
          direct.push(specifier);
          entries.push(resolution.file);
          // Imported by the bundle, so a dependency of ours, not something that happens to be hoisted.
          expect(declared, `${specifier} is imported by ${file} but is not in package.json's dependencies`).toContain(packageNameOf(specifier));
        }
      }
    }
    // keytar may be loaded through a name held in a constant (import(KEYTAR_PACKAGE)): namedConstantLoadsOf follows it.
    expect(direct).toEqual(expect.arrayContaining(['zod', 'openai', '@openai/agents', 'electron-store', 'keytar']));
    // Every runtime dependency package.json declares can be loaded from the main bundle.
    for (const name of declared) {
      const resolution = modules.resolve(name, archivePackage.main, 'import');
      expect(resolution.kind, `${name}: ${resolution.kind === 'missing' ? resolution.reason : ''}`).toBe('file');
      if (resolution.kind === 'file') entries.push(resolution.file);
    }

    const { visited, problems, optional } = walkModuleGraph(modules, entries);
    expect(problems, 'modules the packaged main process would fail to load').toEqual([]);
    expect(visited).toContain('node_modules/keytar/build/Release/keytar.node');
    // Left unresolved on purpose by their packages (guarded requires of optional extras).
    for (const o of optional) expect(modules.requiredDependency(o.from, packageNameOf(o.specifier))).toBe(false);
    console.info(`main-process module graph: ${visited.size} files; optional and absent: ${[...new Set(optional.map((o) => o.specifier))].join(', ') || 'none'}`);
  }, 120_000);

  it('keytar’s native module is unpacked: marked so in the header and present in app.asar.unpacked', () => {
    const keytarNode = 'node_modules/keytar/build/Release/keytar.node';
    const nativeFiles = [...modules.files.keys()].filter((f) => f.endsWith('.node'));
    expect(nativeFiles).toContain(keytarNode);
    for (const file of nativeFiles) {
      const entry = modules.files.get(file)!;
      expect(entry.unpacked, `${file} is marked unpacked in app.asar's header`).toBe(true);
      const onDisk = join(`${asarPath}.unpacked`, ...file.split('/'));
      expect(existsSync(onDisk), `${onDisk} exists`).toBe(true);
      expect(statSync(onDisk).size).toBe(entry.size);
    }
  });

  it('ships no sources, tests, fakes, source maps or dev-only packages', () => {
    const files = [...modules.files.keys()];
    const topLevel = new Set([...files, ...modules.dirs].map((p) => p.split('/')[0]).filter(Boolean));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);
    expect(new Set(files.filter((f) => f.startsWith('out/')).map((f) => f.split('/')[1]))).toEqual(new Set(['main', 'preload', 'renderer']));
    const ours = files.filter((f) => !f.startsWith('node_modules/'));
    expect(ours.filter((f) => /\.(tsx?|mts|cts)$/.test(f)), 'TypeScript sources of ours').toEqual([]);
    expect(ours.filter((f) => /(^|\/)(electron|src|test|tests|fakes|harness|__tests__)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map')), 'source maps').toEqual([]);

    const archivePackage = JSON.parse(modules.read('package.json').toString('utf8')) as Record<string, unknown>;
    expect(archivePackage['devDependencies']).toBeUndefined();
    expect(archivePackage['scripts']).toBeUndefined();

    const shipped = packagesIn(files);
    const production = productionClosure();
    const devOnly = Object.keys(projectPackage.devDependencies ?? {}).filter((name) => !production.has(name));
    expect(devOnly).toEqual(expect.arrayContaining(['vitest', 'electron-builder', '@playwright/test', 'typescript', 'electron', 'electron-vite']));
    expect(devOnly.filter((name) => shipped.has(name)), 'devDependencies inside app.asar').toEqual([]);
    expect([...shipped].filter((name) => !production.has(name)), 'packages production code cannot reach').toEqual([]);
  });

  it('holds the three renderer pages, what they link to, and everything electron-vite built', () => {
    for (const page of ['index.html', 'quick-ask.html', 'hud.html']) {
      const path = `out/renderer/${page}`;
      expect(modules.files.has(path), path).toBe(true);
      const html = modules.read(path).toString('utf8');
      const linked = [...html.matchAll(/\b(?:src|href)="\.\/([^"]+)"/g)].map((m) => `out/renderer/${m[1]}`);
      expect(linked.length, `${page} links its script`).toBeGreaterThan(0);
      for (const file of linked) expect(modules.files.has(file), `${page} links ${file}`).toBe(true);
    }
    const built = builtFiles.filter((f) => !f.endsWith('.map'));
    expect(built.length).toBeGreaterThan(3);
    expect(built.filter((f) => !modules.files.has(f)), 'built files missing from app.asar').toEqual([]);
  });

  it('the executable’s fuses are the ones electron-builder.yml asks for; the rest keep Electron 45’s defaults', async () => {
    const requested = new Map<number, number>();
    for (const [key, value] of Object.entries(config.electronFuses)) {
      if (key === 'resetAdHocDarwinSignature') continue; // a codesign step on macOS, not a fuse
      const option = FuseV1Options[(key.charAt(0).toUpperCase() + key.slice(1)) as keyof typeof FuseV1Options];
      expect(option, `electronFuses.${key} names a fuse`).toBeTypeOf('number');
      requested.set(option, value ? FUSE_ON : FUSE_OFF);
    }
    expect(requested.size).toBeGreaterThan(0);
    const wire = await getCurrentFuseWire(executable);
    expect(wire.version).toBe('1');
    const expected = ELECTRON_45_DEFAULT_FUSES.map((fuse, i) => [String(i), requested.get(i) ?? fuse.state]);
    expect(Object.entries(wire).filter(([key]) => /^\d+$/.test(key))).toEqual(expected);
    // The point of the hardening: the packaged app cannot be run as Node or told to load another app.
    expect(wire[FuseV1Options.RunAsNode]).toBe(FUSE_OFF);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FUSE_ON);
  });
});
