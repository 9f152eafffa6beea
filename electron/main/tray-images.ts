import path from 'node:path';
import type { LevelName } from '../../shared/levels.ts';
import { LEVEL_GLYPH, LEVEL_MEANING } from '../../shared/format.ts';
import { formatCause } from '../../shared/format.ts';
import type { EngineStatus } from '../../shared/status.ts';

/** resources/tray-<LEVEL>.png (with an @2x variant beside it, which Electron picks up itself). */
export function trayImagePath(resourcesDir: string, level: LevelName): string {
  return path.join(resourcesDir, `tray-${level}.png`);
}

export function trayTooltip(status: EngineStatus): string {
  const cause = formatCause(status.cause);
  return `Haltwatch — ${LEVEL_GLYPH[status.level]} ${status.level}: ${LEVEL_MEANING[status.level]}${cause ? `\nCause: ${cause}` : ''}`;
}
