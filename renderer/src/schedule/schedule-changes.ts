import type { ScheduleConfig } from '../../../shared/schedule.ts';
import { valueText, type Change } from '../toasts/change-text.ts';

function names(list: readonly { name: string }[]): string {
  return list.length === 0 ? 'none' : list.map((e) => e.name).join(', ');
}

/** What a schedule save changed: checks added, removed or edited (by name), closures, calendar, catch-up. */
export function scheduleChanges(before: ScheduleConfig, after: ScheduleConfig): Change[] {
  const changes: Change[] = [];
  if (before.exchange !== after.exchange)
    changes.push({ label: 'exchange calendar', before: before.exchange, after: after.exchange });
  if (before.catchUp !== after.catchUp)
    changes.push({ label: 'catch-up', before: valueText(before.catchUp), after: valueText(after.catchUp) });
  const beforeNames = new Set(before.entries.map((e) => e.name));
  const afterNames = new Set(after.entries.map((e) => e.name));
  if ([...beforeNames].some((n) => !afterNames.has(n)) || [...afterNames].some((n) => !beforeNames.has(n)))
    changes.push({ label: 'checks', before: names(before.entries), after: names(after.entries) });
  for (const entry of after.entries) {
    const old = before.entries.find((e) => e.name === entry.name);
    if (old && JSON.stringify(old) !== JSON.stringify(entry))
      changes.push({ label: `check ${entry.name}`, before: 'as it was', after: 'edited' });
  }
  if (JSON.stringify(before.adhoc) !== JSON.stringify(after.adhoc))
    changes.push({
      label: 'closures',
      before: String(before.adhoc.length),
      after: `${after.adhoc.length}${before.adhoc.length === after.adhoc.length ? ' (edited)' : ''}`,
    });
  return changes;
}
