/** Reads `$.a.b[0]["c d"]` from parsed JSON; `found: false` when any step is missing. */
export function readJsonPath(
  root: unknown,
  path: string,
): { found: true; value: unknown } | { found: false } {
  const steps = path.slice(1).match(/\.[^.[]+|\[\d+\]|\["[^"]+"\]/g) ?? [];
  let current: unknown = root;
  for (const step of steps) {
    const key = step.startsWith('.')
      ? step.slice(1)
      : step.startsWith('["')
        ? step.slice(2, -2)
        : Number(step.slice(1, -1));
    if (current === null || typeof current !== 'object') return { found: false };
    if (
      typeof key === 'number'
        ? !Array.isArray(current) || key >= current.length
        : !Object.hasOwn(current, key)
    )
      return { found: false };
    current = (current as Record<string | number, unknown>)[key];
  }
  return { found: true, value: current };
}
