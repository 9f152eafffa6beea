import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HALTWATCH_BIN } from '../../helpers/haltwatch-process.ts';

describe('the haltwatch command', () => {
  it('runs from a clone through Node and lists its commands', () => {
    const result = spawnSync(process.execPath, [HALTWATCH_BIN, '--help'], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.status).toBe(0);
    for (const command of ['serve', 'check', 'calendar', 'schedule'])
      expect(result.stdout).toContain(command);
  });

  it('exits 2 on an unknown command', () => {
    const result = spawnSync(process.execPath, [HALTWATCH_BIN, 'frobnicate'], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('frobnicate');
  });
});
