import path from 'node:path';
import type { LevelName } from '../../shared/levels.ts';
import { formatSignalCause } from '../../shared/cause-text.ts';
import { LEVEL_GLYPH, LEVEL_MEANING } from '../../shared/format.ts';
import type { EngineStatus } from '../../shared/status.ts';

/**
 * resources/tray-<LEVEL>.png, with an @2x variant beside it that Electron picks up itself. On macOS
 * the Template variant (a black disc with the glyph cut out) lets the menu bar colour it.
 */
export function trayImagePath(resourcesDir: string, level: LevelName, platform: NodeJS.Platform): string {
  const template = platform === 'darwin' ? 'Template' : '';
  return path.join(resourcesDir, `tray-${level}${template}.png`);
}

export function trayTooltip(status: EngineStatus): string {
  const cause = formatSignalCause(status.cause, 'level');
  const override = status.override?.enabled ? '\nTrading disabled by operator override' : '';
  return `Haltwatch — ${LEVEL_GLYPH[status.level]} ${status.level}: ${LEVEL_MEANING[status.level]}${cause ? `\nCause: ${cause}` : ''}${override}`;
}
