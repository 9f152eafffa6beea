import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { APP_ID } from '../../../electron/main/app-id.ts';
import { LEVELS } from '../../../shared/levels.ts';
import { REPO_ROOT } from '../../helpers/haltwatch-process.ts';

// electron-builder reads its config with js-yaml and checks it against app-builder-lib's JSON schema
// (with ajv); the test uses the same three, as installed with electron-builder.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const Ajv = require('ajv') as new (options: object) => {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown[] | null };
};
const builderSchema: unknown = require('app-builder-lib/scheme.json');

const configSchema = z.object({
  appId: z.string(),
  npmRebuild: z.literal(false),
  asarUnpack: z.array(z.string()),
  files: z.array(z.string()),
  extraResources: z.array(z.object({ from: z.string(), to: z.string(), filter: z.array(z.string()) })),
  linux: z.object({ target: z.array(z.string()), icon: z.string(), maintainer: z.string() }),
  mac: z.object({
    target: z.array(z.object({ target: z.string(), arch: z.array(z.string()) })),
    icon: z.string(),
  }),
  win: z.object({
    target: z.array(z.object({ target: z.string(), arch: z.array(z.string()) })),
    icon: z.string(),
  }),
});

const raw = yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8'));
const config = configSchema.parse(raw);

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('packaging', () => {
  it("passes electron-builder's own config schema", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(builderSchema);
    expect(validate(raw), JSON.stringify(validate.errors)).toBe(true);
  });

  it('builds AppImage and deb, dmg for arm64 and x64, and an NSIS installer', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('ships the native modules unpacked and rebuilds nothing', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toEqual([
      'node_modules/better-sqlite3/prebuilds/**',
      'node_modules/node-notifier/vendor/**',
    ]);
    const prebuilds = fs.readdirSync(path.join(REPO_ROOT, 'node_modules/better-sqlite3/prebuilds'));
    for (const target of ['linux-x64', 'darwin-arm64', 'darwin-x64', 'win32-x64'])
      expect(prebuilds).toContain(`${target}.node`);
    expect(fs.readdirSync(path.join(REPO_ROOT, 'node_modules/node-notifier/vendor'))).toContain('snoreToast');
  });

  it('uses the app id Windows notifications are attributed to', () => {
    expect(config.appId).toBe(APP_ID);
  });

  it('has the app icon and, per level, 16 and 32 px tray images and macOS templates that differ by glyph', () => {
    for (const platform of [config.linux, config.mac, config.win]) {
      expect(pngSize(path.join(REPO_ROOT, platform.icon))).toEqual({ width: 512, height: 512 });
    }
    const templates = new Set<string>();
    for (const level of LEVELS) {
      for (const [suffix, size] of [
        ['', 16],
        ['@2x', 32],
        ['Template', 16],
        ['Template@2x', 32],
      ] as const) {
        const file = path.join(REPO_ROOT, 'resources', `tray-${level}${suffix}.png`);
        expect(pngSize(file)).toEqual({ width: size, height: size });
      }
      templates.add(
        fs.readFileSync(path.join(REPO_ROOT, 'resources', `tray-${level}Template.png`)).toString('base64'),
      );
    }
    // Templates are one colour: five different ones means five different glyphs.
    expect(templates.size).toBe(LEVELS.length);
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'resources', filter: ['*.png'] }]);
  });
});
