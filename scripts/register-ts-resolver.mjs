// Lets the benchmarks run the app's TypeScript straight from source under Node's type
// stripping: maps the `@shared/*` alias and extensionless relative imports (which the
// bundler resolves) to the .ts files on disk. Used with --import by the benchmarks and by
// the few tests and scripts that start FROK code in a child Node process.
import { existsSync, statSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sharedDir = new URL('../shared/', import.meta.url);

const isFile = (path) => existsSync(path) && statSync(path).isFile();

/** The first of path, path.ts, path/index.ts that is a file, as a URL. */
function tsFileFor(url) {
  const path = fileURLToPath(url);
  const found = [path, `${path}.ts`, `${path}/index.ts`].find(isFile);
  return found ? pathToFileURL(found).href : null;
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    let url = null;
    if (specifier.startsWith('@shared/')) url = tsFileFor(new URL(specifier.slice('@shared/'.length), sharedDir));
    else if (/^\.\.?\//.test(specifier) && context.parentURL?.startsWith('file:')) url = tsFileFor(new URL(specifier, context.parentURL));
    return url ? { url, shortCircuit: true } : nextResolve(specifier, context);
  },
});
