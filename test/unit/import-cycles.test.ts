import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

/** Every import cycle among `roots`, each as the list of files around it, type-only imports included. */
async function importCycles(
  roots: string[],
  baseDir = process.cwd(),
): Promise<{ modules: number; cycles: string[][] }> {
  const reported = await cruise(roots, {
    baseDir,
    // `import type` counts: a type-only circle still ties the two files' designs together.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    validate: true,
    ruleSet: { forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }] },
  });
  const result = reported.output as ICruiseResult;
  const cycles = result.summary.violations
    .filter((v) => v.rule.name === 'no-circular')
    .map((v) => [v.from, ...(v.cycle ?? []).map((step) => step.name)]);
  return { modules: result.modules.length, cycles };
}

describe('import cycles', () => {
  it('finds a cycle when there is one (the check itself works on .ts imports)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'haltwatch-cycles-'));
    try {
      writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b.ts';\nexport const a = () => b;\n");
      writeFileSync(
        path.join(dir, 'b.ts'),
        "import type { a } from './a.ts';\nexport const b: typeof a | null = null;\n",
      );
      writeFileSync(path.join(dir, 'c.ts'), "import { a } from './a.ts';\nexport const c = a;\n");
      const { modules, cycles } = await importCycles(['.'], dir);
      expect(modules).toBe(3);
      expect(cycles).toHaveLength(1);
      expect(new Set(cycles[0])).toEqual(new Set(['a.ts', 'b.ts']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has none under electron/, shared/ and renderer/', async () => {
    const { modules, cycles } = await importCycles(['electron', 'shared', 'renderer']);
    expect(modules).toBeGreaterThan(250);
    expect(cycles.map((cycle) => cycle.join(' -> '))).toEqual([]);
  });
});
