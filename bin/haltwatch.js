#!/usr/bin/env node
// The CLI runs its TypeScript directly through Node's type stripping (Node ≥ 22.18 / 23.6).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `haltwatch needs Node 22.18 or newer (Node 24 recommended); this is Node ${process.versions.node}\n`,
  );
  process.exit(2);
}
const { main } = await import('../electron/cli.ts');
process.exitCode = await main(process.argv);
