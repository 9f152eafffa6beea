import type { ServiceConfig } from '../../../shared/services.ts';
import { changedPaths, type Change } from '../toasts/change-text.ts';
import { fieldsOf } from './service-draft.ts';

const NAMED: Record<string, string> = {
  name: 'name',
  kind: 'kind',
  criticality: 'criticality',
  enabled: 'watched',
  maintenance: 'maintenance windows',
};

/** What an edit of a service changed, each field by the label the form gives it. */
export function serviceChanges(before: ServiceConfig, after: ServiceConfig): Change[] {
  const labels = new Map(fieldsOf(after.kind).map((f) => [f.key, f.label.toLowerCase()]));
  return changedPaths(before, after).map((change) => {
    const [top = '', ...rest] = change.label.split('.');
    const label = NAMED[top] ?? labels.get(top) ?? top;
    return { ...change, label: rest.length ? `${label} ${rest.join('.')}` : label };
  });
}
