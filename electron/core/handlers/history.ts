import { MAX_EXPORT_BYTES, type HistoryExport } from '../../../shared/contract/history.ts';
import type { Handlers } from '../../../shared/contract.ts';
import type { ExportQuery } from '../../../shared/history.ts';
import { UserError } from '../../../shared/errors.ts';
import type { HandlerPorts } from './ports.ts';

type HistoryHandlers = Pick<
  Handlers,
  | 'history.levelTimeline'
  | 'history.series'
  | 'history.checkpoints'
  | 'history.audit'
  | 'history.recentResults'
  | 'history.export'
>;

/** Thrown by the export sink to stop reading once the export is too big to send. */
class ExportTooLarge extends Error {}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Streams the export and stops as soon as it passes the limit, so a huge range costs little. */
function boundedExport(
  store: HandlerPorts['store'],
  query: ExportQuery & { what: 'results' | 'audit' },
): HistoryExport {
  const chunks: string[] = [];
  let bytes = 0;
  let rows: number;
  try {
    rows = store.exportTo(query, (chunk) => {
      bytes += Buffer.byteLength(chunk);
      if (bytes > MAX_EXPORT_BYTES) throw new ExportTooLarge();
      chunks.push(chunk);
    });
  } catch (error) {
    if (!(error instanceof ExportTooLarge)) throw error;
    throw new UserError(
      `the ${query.what} export from ${day(query.from)} to ${day(query.to)} is larger than ` +
        `${MAX_EXPORT_BYTES / 1024 / 1024} MB; export a shorter range`,
    );
  }
  return {
    fileName: `haltwatch-${query.what}-${day(query.from)}-to-${day(query.to)}.${query.format}`,
    mime: query.format === 'csv' ? 'text/csv' : 'application/json',
    content: chunks.join(''),
    rows,
  };
}

/** The history screens read the store; every range was validated by the contract. */
export function historyHandlers({ store }: Pick<HandlerPorts, 'store'>): HistoryHandlers {
  return {
    'history.levelTimeline': ({ from, to }) => store.levelTimeline(from, to),
    'history.series': (query) => store.serviceSeries(query),
    'history.checkpoints': (range) => store.checkpoints(range),
    'history.audit': (query) => store.audit(query),
    'history.recentResults': (query) => store.recentResults(query),
    'history.export': (query) => boundedExport(store, query),
  };
}
