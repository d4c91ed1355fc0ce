/**
 * Resolves module specifiers the way Node (and so Electron's main process) would, but inside
 * an app.asar: files are looked up in the archive's header, never on disk, so a module that
 * only resolves thanks to the project's own node_modules is reported as missing.
 *
 * Enough of Node's algorithm for the packaged graph: `node:` and built-in names, relative
 * paths (exact for `import`, with CommonJS's extension and index probing for `require`),
 * bare names looked up in node_modules folders up the tree, package.json `exports` (subpaths,
 * `*` patterns, condition objects and arrays) and `imports` (`#…`), and `main` / index.js
 * for packages without `exports`. Specifiers are read with TypeScript's preProcessFile, which
 * skips comments and strings (static imports and re-exports, `import('x')`, `require('x')`).
 */
import { extractFile, getRawHeader } from '@electron/asar';
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

type HeaderNode = { files?: Record<string, HeaderNode>; link?: string; size?: number; unpacked?: boolean };

export type ImportKind = 'import' | 'require';
export type Resolution =
  | { kind: 'builtin' | 'electron'; specifier: string }
  | { kind: 'file'; specifier: string; file: string }
  | { kind: 'missing'; specifier: string; reason: string };

/** Conditions Node 22 (Electron 45's) matches in `exports` / `imports` for each kind of load. */
const CONDITIONS: Record<ImportKind, ReadonlySet<string>> = {
  import: new Set(['node', 'import', 'module-sync', 'default']),
  require: new Set(['node', 'require', 'module-sync', 'default']),
};
/** Electron's main process adds these to Node's built-ins. */
const ELECTRON_BUILTINS = new Set(['electron', 'electron/main', 'electron/common', 'original-fs']);
const NODE_BUILTINS = new Set(builtinModules);

export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier);
}

interface PackageJson {
  name?: string;
  type?: string;
  main?: string;
  exports?: unknown;
  imports?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export class AsarModules {
  readonly files = new Map<string, { size: number; unpacked: boolean }>();
  readonly dirs = new Set<string>(['']);
  private readonly pkgCache = new Map<string, PackageJson | null>();
  readonly archive: string;

  constructor(archive: string) {
    this.archive = archive;
    const walk = (node: HeaderNode, at: string): void => {
      for (const [name, child] of Object.entries(node.files ?? {})) {
        const path = at ? `${at}/${name}` : name;
        if (child.files) {
          this.dirs.add(path);
          walk(child, path);
        } else if (child.link === undefined) {
          this.files.set(path, { size: child.size ?? 0, unpacked: child.unpacked === true });
        }
      }
    };
    walk(getRawHeader(archive).header as HeaderNode, '');
  }

  read(path: string): Buffer {
    return extractFile(this.archive, path);
  }

  packageJson(dir: string): PackageJson | null {
    if (!this.pkgCache.has(dir)) {
      const file = dir ? `${dir}/package.json` : 'package.json';
      this.pkgCache.set(dir, this.files.has(file) ? (JSON.parse(this.read(file).toString('utf8')) as PackageJson) : null);
    }
    return this.pkgCache.get(dir) ?? null;
  }

  /** The folder of the package that owns `file` (nearest package.json with a name, or the app root). */
  packageDirOf(file: string): string {
    return this.packageDirAbove(dirOf(file));
  }

  private packageDirAbove(dir: string): string {
    for (let at = dir; ; at = dirOf(at)) {
      if (this.packageJson(at)?.name !== undefined || at === '') return at;
    }
  }

  /** The specifiers `file` loads, each with the kind of load that reads it. */
  specifiersOf(file: string): { specifier: string; kind: ImportKind }[] {
    const source = this.read(file).toString('utf8');
    const info = ts.preProcessFile(source, true, true);
    const out: { specifier: string; kind: ImportKind }[] = [];
    for (const ref of info.importedFiles) {
      // preProcessFile reports require('x') and import … 'x' alike: tell them apart by the text before the literal.
      const before = source.slice(Math.max(0, ref.pos - 40), ref.pos);
      out.push({ specifier: ref.fileName, kind: /\brequire\s*\(\s*$/.test(before) ? 'require' : 'import' });
    }
    return out;
  }

  /**
   * Loads whose specifier is a constant in the same file: `import(NAME)` / `require(NAME)` with
   * `const|let|var NAME = 'x'` (how the main bundle keeps an optional package external).
   * `untraced` lists the names this cannot follow.
   */
  namedConstantLoadsOf(file: string): { loads: { specifier: string; kind: ImportKind; via: string }[]; untraced: string[] } {
    const source = this.read(file).toString('utf8');
    const loads: { specifier: string; kind: ImportKind; via: string }[] = [];
    const untraced: string[] = [];
    for (const m of source.matchAll(/\b(import|require)\s*\(\s*(?:\/\*[\s\S]*?\*\/\s*)*([A-Za-z_$][\w$]*)\s*\)/g)) {
      const [, how, name] = m as unknown as [string, 'import' | 'require', string];
      const init = new RegExp(`\\b(?:var|let|const)\\s+${name.replace(/\$/g, '\\$')}\\s*=\\s*(["'])([^"'\\n]+)\\1`).exec(source);
      if (init?.[2]) loads.push({ specifier: init[2], kind: how, via: name });
      else untraced.push(name);
    }
    return { loads, untraced };
  }

  resolve(specifier: string, from: string, kind: ImportKind): Resolution {
    if (ELECTRON_BUILTINS.has(specifier)) return { kind: 'electron', specifier };
    if (isBuiltin(specifier)) return { kind: 'builtin', specifier };
    const fromDir = dirOf(from);
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
      const target = posix.normalize(posix.join(fromDir, specifier));
      if (target.startsWith('..')) return { kind: 'missing', specifier, reason: 'points outside the archive' };
      return this.fileOrMissing(specifier, kind === 'require' ? this.probe(target) : this.exact(target), `no ${target} in the archive`);
    }
    if (specifier.startsWith('/')) return { kind: 'missing', specifier, reason: 'an absolute path' };
    if (specifier.startsWith('#')) return this.resolveImportsField(specifier, from, kind);
    return this.resolveBare(specifier, fromDir, kind);
  }

  private fileOrMissing(specifier: string, file: string | null, reason: string): Resolution {
    return file === null ? { kind: 'missing', specifier, reason } : { kind: 'file', specifier, file };
  }

  private exact(path: string): string | null {
    return this.files.has(path) ? path : null;
  }

  /** CommonJS: the file, the file with .js/.json/.node, or the folder's package.json main / index.*. */
  private probe(path: string): string | null {
    for (const candidate of [path, `${path}.js`, `${path}.json`, `${path}.node`]) if (this.files.has(candidate)) return candidate;
    if (this.dirs.has(path)) {
      const main = this.packageJson(path)?.main;
      if (main) {
        const viaMain = this.probeFile(posix.normalize(posix.join(path, main)));
        if (viaMain) return viaMain;
      }
      for (const index of ['index.js', 'index.json', 'index.node']) if (this.files.has(`${path}/${index}`)) return `${path}/${index}`;
    }
    return null;
  }

  private probeFile(path: string): string | null {
    for (const candidate of [path, `${path}.js`, `${path}.json`, `${path}.node`, `${path}/index.js`, `${path}/index.json`]) {
      if (this.files.has(candidate)) return candidate;
    }
    return null;
  }

  private resolveBare(specifier: string, fromDir: string, kind: ImportKind): Resolution {
    const parts = specifier.split('/');
    const nameParts = specifier.startsWith('@') ? 2 : 1;
    if (parts.length < nameParts || parts.slice(0, nameParts).some((p) => !p)) return { kind: 'missing', specifier, reason: 'not a valid package name' };
    const name = parts.slice(0, nameParts).join('/');
    const subpath = parts.length > nameParts ? `./${parts.slice(nameParts).join('/')}` : '.';

    // A package may import itself by name through its own exports.
    const ownDir = this.packageDirAbove(fromDir);
    const own = this.packageJson(ownDir);
    if (own?.name === name && own.exports !== undefined) return this.resolvePackage(specifier, ownDir, own, subpath, kind);

    for (let dir = fromDir; ; dir = dirOf(dir)) {
      if (posix.basename(dir) !== 'node_modules') {
        const pkgDir = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
        if (this.dirs.has(pkgDir)) return this.resolvePackage(specifier, pkgDir, this.packageJson(pkgDir), subpath, kind);
      }
      if (dir === '') break;
    }
    return { kind: 'missing', specifier, reason: `no node_modules/${name} on the path from ${fromDir || '/'}` };
  }

  private resolvePackage(specifier: string, pkgDir: string, pkg: PackageJson | null, subpath: string, kind: ImportKind): Resolution {
    if (pkg?.exports !== undefined && pkg.exports !== null) {
      const target = resolveExports(pkg.exports, subpath, CONDITIONS[kind]);
      if (target === null) return { kind: 'missing', specifier, reason: `${pkgDir}/package.json does not export ${subpath} for ${kind}` };
      const file = posix.normalize(posix.join(pkgDir, target));
      return this.fileOrMissing(specifier, this.exact(file), `${pkgDir}/package.json exports ${subpath} as ${target}, which is not in the archive`);
    }
    const path = subpath === '.' ? pkgDir : posix.join(pkgDir, subpath.slice(2));
    return this.fileOrMissing(specifier, this.probe(path), `nothing at ${path} (main: ${pkg?.main ?? 'none'})`);
  }

  private resolveImportsField(specifier: string, from: string, kind: ImportKind): Resolution {
    const pkgDir = this.packageDirOf(from);
    const pkg = this.packageJson(pkgDir);
    if (!pkg?.imports) return { kind: 'missing', specifier, reason: `${pkgDir}/package.json has no "imports"` };
    const target = resolveMap(pkg.imports as Record<string, unknown>, specifier, CONDITIONS[kind]);
    if (target === null) return { kind: 'missing', specifier, reason: `${pkgDir}/package.json "imports" does not map it` };
    if (!target.startsWith('./')) return this.resolveBare(target, pkgDir, kind);
    const file = posix.normalize(posix.join(pkgDir, target));
    return this.fileOrMissing(specifier, this.exact(file), `"imports" maps it to ${file}, which is not in the archive`);
  }

  /** Whether the package owning `file` declares `name` as a dependency it cannot do without. */
  requiredDependency(file: string, name: string): boolean {
    const pkg = this.packageJson(this.packageDirOf(file));
    if (!pkg) return false;
    if (pkg.dependencies?.[name] !== undefined) return true;
    return pkg.peerDependencies?.[name] !== undefined && pkg.peerDependenciesMeta?.[name]?.optional !== true;
  }
}

/** The folder of an archive path, '' for the archive's root. */
function dirOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' || dir === '/' ? '' : dir;
}

/** The package name in a bare specifier ('@scope/name/sub' → '@scope/name'). */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

function resolveExports(exports: unknown, subpath: string, conditions: ReadonlySet<string>): string | null {
  const isSubpathMap =
    typeof exports === 'object' && exports !== null && !Array.isArray(exports) && Object.keys(exports).some((k) => k.startsWith('.'));
  const map = isSubpathMap ? (exports as Record<string, unknown>) : { '.': exports };
  return resolveMap(map, subpath, conditions);
}

/** PACKAGE_IMPORTS_EXPORTS_RESOLVE: an exact key, else the longest matching `*` pattern. */
function resolveMap(map: Record<string, unknown>, key: string, conditions: ReadonlySet<string>): string | null {
  if (Object.hasOwn(map, key) && !key.includes('*')) return resolveTarget(map[key], null, conditions);
  let best: { key: string; match: string } | null = null;
  for (const pattern of Object.keys(map)) {
    const star = pattern.indexOf('*');
    if (star === -1) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (key.startsWith(prefix) && key.length >= pattern.length - 1 && key.endsWith(suffix)) {
      if (!best || prefix.length > best.key.indexOf('*')) best = { key: pattern, match: key.slice(prefix.length, key.length - suffix.length) };
    }
  }
  return best ? resolveTarget(map[best.key], best.match, conditions) : null;
}

function resolveTarget(target: unknown, match: string | null, conditions: ReadonlySet<string>): string | null {
  if (typeof target === 'string') return match === null ? target : target.replaceAll('*', match);
  if (Array.isArray(target)) {
    for (const entry of target) {
      const resolved = resolveTarget(entry, match, conditions);
      if (resolved !== null) return resolved;
    }
    return null;
  }
  if (typeof target === 'object' && target !== null) {
    for (const [condition, value] of Object.entries(target)) {
      if (!conditions.has(condition)) continue;
      const resolved = resolveTarget(value, match, conditions);
      if (resolved !== null) return resolved;
    }
  }
  return null;
}

export interface GraphProblem {
  from: string;
  specifier: string;
  kind: ImportKind;
  reason: string;
}

/**
 * Walks everything reachable from `entries`. A specifier that does not resolve is a problem
 * when it is relative, or names a package the importing package depends on (dependencies or
 * non-optional peerDependencies); anything else (an optional peer, a guarded `require` of
 * an undeclared package such as ws' bufferutil) is listed under `optional`.
 */
export function walkModuleGraph(modules: AsarModules, entries: string[]): { visited: Set<string>; problems: GraphProblem[]; optional: GraphProblem[] } {
  const visited = new Set<string>();
  const problems: GraphProblem[] = [];
  const optional: GraphProblem[] = [];
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (visited.has(file)) continue;
    visited.add(file);
    if (!/\.(c|m)?js$/.test(file)) continue;
    for (const { specifier, kind } of modules.specifiersOf(file)) {
      const resolution = modules.resolve(specifier, file, kind);
      if (resolution.kind === 'file') {
        queue.push(resolution.file);
      } else if (resolution.kind === 'missing') {
        const problem = { from: file, specifier, kind, reason: resolution.reason };
        const relative = specifier.startsWith('.') || specifier.startsWith('#');
        const required = relative || !file.startsWith('node_modules/') || modules.requiredDependency(file, packageNameOf(specifier));
        (required ? problems : optional).push(problem);
      }
    }
  }
  return { visited, problems, optional };
}
