/**
 * `npm run security`: Electronegativity (Doyensec's Electron security checklist) over what runs in
 * Electron: the main, preload and core sources, the dashboard's HTML (its Content-Security-Policy)
 * and package.json (the Electron version). Every finding is printed; any HIGH one fails the run, as
 * does a file it could not parse (that file went unchecked).
 *
 * Findings reviewed and accepted are marked in the code with `eng-disable <CHECK>` and a comment
 * saying why (the preload is the contract bridge; openExternal only gets http(s) URLs).
 *
 * The scanner fetches translations and Electron's release list from the internet; both are cut off
 * here (it falls back to its bundled English texts and the version in package.json), so the scan is
 * the same offline, in CI and on a desktop.
 */
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

interface Finding {
  id: string;
  file: string;
  location?: { line: number; column: number };
  sample?: string;
  description: string;
  severity: { value: number; name: string };
  confidence: { name: string };
  manualReview?: boolean;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}

const HIGH = 3;
const ROOT = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['electron', 'renderer/index.html', 'package.json'];

const require = createRequire(import.meta.url);
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = loader._load;
loader._load = function offline(this: unknown, request: string, ...rest: unknown[]) {
  if (request === 'got') return () => Promise.reject(new Error('offline: security scan makes no requests'));
  return load.call(this, request, ...rest);
};
const run = require('@doyensec/electronegativity') as (options: object) => Promise<ScanResult>;

function stage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-security-'));
  for (const entry of SCANNED) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  return dir;
}

const electronVersion = (require('electron/package.json') as { version: string }).version;
const dir = stage();
const quietLog = console.log;
let result: ScanResult;
try {
  // The scanner reports its network fallbacks on stdout; they are expected here.
  console.log = () => {};
  result = await run({ input: dir, isRelative: true, electronVersionOverride: electronVersion });
} finally {
  console.log = quietLog;
  fs.rmSync(dir, { recursive: true, force: true });
}

const unparsed = result.errors.filter((e) => !e.tolerable);
for (const issue of [...result.issues].sort((a, b) => b.severity.value - a.severity.value)) {
  const where = issue.location ? `${issue.file}:${issue.location.line}` : issue.file;
  console.log(`${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id}  ${where}`);
  console.log(
    `  ${issue.description}${issue.sample ? `: ${issue.sample.split('\n')[0]?.slice(0, 100)}` : ''}`,
  );
}
for (const error of unparsed) console.log(`UNCHECKED     ${error.file}: ${error.message}`);

const high = result.issues.filter((i) => i.severity.value >= HIGH);
console.log(
  `electronegativity (Electron ${electronVersion}): ${result.globalChecks} global and ${result.atomicChecks} atomic checks, ` +
    `${result.issues.length} finding(s), ${high.length} high, ${unparsed.length} file(s) unchecked`,
);
if (high.length > 0 || unparsed.length > 0) process.exitCode = 1;
