import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract.ts';
import { METHOD_NAMES } from '../../../shared/contract-names.ts';

describe('the contract', () => {
  it('lists every method name the preload allows, and no other', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });
});
