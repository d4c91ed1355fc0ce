/**
 * `node --import <this file> out/main/index.js`: points every import of 'electron' (from
 * the bundle and from electron-store) at the recording stand-in, then starts the driver.
 */
import { registerHooks } from 'node:module';

const standIn = new URL('./electron.ts', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: standIn, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});

await import('./driver.ts');
