/**
 * `npm run bench`: runs every bench/<name>.ts (or only those named: `npm run bench -- store`).
 * Each prints its own numbers and ratios against its peers, measured in the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const names = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
  .map((f) => path.basename(f, '.ts'))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

for (const name of names) {
  const module = (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as {
    run?: () => Promise<void>;
  };
  if (typeof module.run !== 'function') continue;
  console.log(`\n== ${name} ==`);
  await module.run();
}
