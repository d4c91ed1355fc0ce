/**
 * The folders of electron/main stand in layers, and each imports only what stands below it.
 * Top first; a unit may import any unit of a lower row, never one of its own row or above:
 *
 * | row | unit(s)                                 | what it is                                                  |
 * | --- | --------------------------------------- | ----------------------------------------------------------- |
 * |  1  | `index.ts`                              | composes the Electron shell: windows, ipcMain, the services |
 * |  2  | `ipc/`                                  | channels → the composed services (handlers, dispatcher)     |
 * |  3  | `compose.ts`                            | composes the services, shared by Electron and the harness   |
 * |  4  | `diagnostics/`                          | Settings → About: the diagnostics text, logging set-up      |
 * |  5  | `desktop/`                              | tray, hotkeys, quick ask, HUD, budget, notifications        |
 * |  6  | `shell/`                                | Electron's windows, protocol, menu, session guards, stores  |
 * |  7  | `realtime/`                             | voice sessions                                              |
 * |  8  | `agents/`                               | the specialist agents and their runs                        |
 * |  9  | `services/`, `tools/`                   | settings, secrets, data, memory, MCP, Home Assistant; tools |
 * | 10  | `events.ts`, `logging`                  | the event bus; the logger (`logger.ts` and `logging/`)      |
 * | 11  | `errors.ts`, `caller.ts`, `language.ts`, `i18n/` | what every folder names: errors, callers, the language, its words |
 *
 * So a service never reaches up into agents/, realtime/, desktop/, shell/, ipc/ or the
 * composition; tools/ reach neither services/ nor anything above; only index.ts and ipc/
 * (for the Services type) import compose.ts. A new folder or top-level file needs a row.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '../../electron/main');

const LAYERS: readonly (readonly string[])[] = [
  ['index'],
  ['ipc'],
  ['compose'],
  ['diagnostics'],
  ['desktop'],
  ['shell'],
  ['realtime'],
  ['agents'],
  ['services', 'tools'],
  ['events', 'logging'],
  ['errors', 'caller', 'language', 'i18n'],
];

const ROW = new Map(LAYERS.flatMap((units, row) => units.map((unit) => [unit, row] as const)));

/** The unit a path inside electron/main belongs to: its first folder, or a top-level file's name. */
function unitOf(pathInMain: string): string {
  const [first = '', ...rest] = pathInMain.split('/');
  if (rest.length > 0) return first;
  const name = first.replace(/\.(d\.)?[cm]?tsx?$|\.[cm]?js$/u, '');
  // The logger and the logging/ folder it writes through are one unit: each names the other's types.
  return name === 'logger' ? 'logging' : name;
}

interface Violation {
  file: string;
  specifier: string;
  why: string;
}

/** Every import (static, type-only, `export … from`, dynamic `import()`) that reaches sideways or up. */
function layerViolations(sources: ReadonlyMap<string, string>): Violation[] {
  const found: Violation[] = [];
  for (const [file, text] of sources) {
    const from = unitOf(file);
    const fromRow = ROW.get(from);
    if (fromRow === undefined) {
      found.push({ file, specifier: '', why: `"${from}" has no row in LAYERS (test/unit/import-layers.test.ts): give it one` });
      continue;
    }
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!specifier.startsWith('.')) continue; // packages, node:, @shared/
      const target = normalize(join(dirname(file), specifier)).split(sep).join('/');
      if (target.startsWith('../')) continue; // outside electron/main (shared/, preload)
      const to = unitOf(target);
      if (to === from) continue;
      const toRow = ROW.get(to);
      if (toRow === undefined) found.push({ file, specifier, why: `"${to}" has no row in LAYERS` });
      else if (toRow === fromRow) found.push({ file, specifier, why: `${from} and ${to} stand side by side; move what both need below them` });
      else if (toRow < fromRow) found.push({ file, specifier, why: `${to} stands above ${from}` });
    }
  }
  return found;
}

function describeViolations(found: readonly Violation[]): string {
  return found.map((v) => `electron/main/${v.file}${v.specifier ? ` → ${v.specifier}` : ''}: ${v.why}`).join('\n');
}

function mainSources(): Map<string, string> {
  const sources = new Map<string, string>();
  for (const entry of readdirSync(MAIN, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/u.test(entry.name)) continue;
    const full = join(entry.parentPath, entry.name);
    sources.set(relative(MAIN, full).split(sep).join('/'), readFileSync(full, 'utf8'));
  }
  return sources;
}

describe('electron/main import layers', () => {
  it('every folder imports only what stands below it', () => {
    const sources = mainSources();
    expect(sources.size).toBeGreaterThan(100);
    expect(sources.has('compose.ts')).toBe(true);
    expect(describeViolations(layerViolations(sources))).toBe('');
  });

  it('every unit on disk has a row, and every row names a unit on disk', () => {
    const onDisk = new Set([...mainSources().keys()].map(unitOf));
    expect([...onDisk].filter((u) => !ROW.has(u)).sort()).toEqual([]);
    expect([...ROW.keys()].filter((u) => !onDisk.has(u)).sort()).toEqual([]);
  });

  it('flags a service that reaches up, a tool that reaches into ipc/, and neighbours that import each other', () => {
    const found = layerViolations(
      new Map([
        ['services/data/a.ts', "import { AgentService } from '../../agents/agent-service';\nimport type { Services } from '../../compose';"],
        ['services/memory/b.ts', "export { x } from '../../realtime/x';\nconst d = await import('../../desktop/desktop-services');\nimport '../../shell/stores';"],
        ['tools/clock.ts', "import {\n  UserFacingError,\n} from '../ipc/errors';"],
        ['tools/weather/w.ts', "import type { SettingsService } from '../../services/settings/settings-service';"],
        ['agents/c.ts', "type T = typeof import('../desktop/desktop-shell-port');\nimport { UserFacingError } from '../errors';"],
        ['services/ok.ts', "import { UserFacingError } from '../errors';\nimport { z } from 'zod';\nimport type { A } from '@shared/domain';\nimport { y } from './y';"],
        ['mystery.ts', "import { x } from './errors';"],
      ]),
    );
    expect(describeViolations(found).split('\n')).toEqual([
      'electron/main/services/data/a.ts → ../../agents/agent-service: agents stands above services',
      'electron/main/services/data/a.ts → ../../compose: compose stands above services',
      'electron/main/services/memory/b.ts → ../../realtime/x: realtime stands above services',
      'electron/main/services/memory/b.ts → ../../desktop/desktop-services: desktop stands above services',
      'electron/main/services/memory/b.ts → ../../shell/stores: shell stands above services',
      'electron/main/tools/clock.ts → ../ipc/errors: ipc stands above tools',
      'electron/main/tools/weather/w.ts → ../../services/settings/settings-service: tools and services stand side by side; move what both need below them',
      'electron/main/agents/c.ts → ../desktop/desktop-shell-port: desktop stands above agents',
      'electron/main/mystery.ts: "mystery" has no row in LAYERS (test/unit/import-layers.test.ts): give it one',
    ]);
  });
});
