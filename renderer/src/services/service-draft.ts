import { DURATION_UNITS, durationText, parseDuration } from '../../../shared/duration.ts';
import type { ServiceKind } from '../../../shared/services.ts';
import { COMMON_FIELDS, KIND_FIELDS, type KindField } from './kind-fields.ts';

/**
 * What the editor holds while a person types: the service's fields, with durations, lists and
 * JSON values kept as the text typed (`90s`, `200-299, 301`) until they are read for validation.
 */
export type Draft = Record<string, unknown> & { kind: ServiceKind; name: string };

const TEXT_TYPES = new Set<KindField['type']>(['duration', 'list', 'json']);

export function fieldsOf(kind: ServiceKind): KindField[] {
  return [...COMMON_FIELDS, ...KIND_FIELDS[kind]];
}

/** A new service of `kind`: selects hold their first option, which is what they show. */
export function blankDraft(kind: ServiceKind, keep: { name?: string; criticality?: unknown } = {}): Draft {
  const draft: Draft = { kind, name: keep.name ?? '', criticality: keep.criticality ?? 'important' };
  for (const field of fieldsOf(kind))
    if (field.type === 'select' && field.options?.[0]) draft[field.key] = field.options[0].value;
  return draft;
}

/** A saved (or preset) service as the editor shows it. */
export function draftFrom(service: Record<string, unknown> & { kind: ServiceKind; name: string }): Draft {
  const draft: Draft = { ...blankDraft(service.kind), ...service };
  for (const field of fieldsOf(service.kind)) {
    const value = service[field.key];
    if (value === undefined || !TEXT_TYPES.has(field.type)) continue;
    draft[field.key] = textOf(field, value);
  }
  return draft;
}

function textOf(field: KindField, value: unknown): string {
  if (field.type === 'duration' && typeof value === 'number')
    return durationText(value * DURATION_UNITS[field.unit ?? 'ms']);
  if (field.type === 'list' && Array.isArray(value)) return value.join(', ');
  if (field.type === 'json')
    return typeof value === 'string' && !looksLikeJson(value) ? value : JSON.stringify(value);
  return String(value);
}

/** Text that JSON reads as a number, true, false or null: such a string value must keep its quotes. */
function looksLikeJson(text: string): boolean {
  try {
    return typeof JSON.parse(text) !== 'string';
  } catch {
    return false;
  }
}

function jsonValue(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value === null || ['string', 'number', 'boolean'].includes(typeof value) ? value : text;
  } catch {
    return text;
  }
}

/**
 * The service the draft stands for, ready for the schema, and the fields whose text could not be
 * read (a duration like "soon"). An empty field is left out, so its default applies.
 */
export function serviceInput(draft: Draft): { input: Record<string, unknown>; errors: Map<string, string> } {
  const input: Record<string, unknown> = { ...draft };
  const errors = new Map<string, string>();
  for (const field of fieldsOf(draft.kind)) {
    const value = draft[field.key];
    if (typeof value !== 'string') continue;
    const text = value.trim();
    if (text === '') {
      delete input[field.key];
      continue;
    }
    if (field.type === 'duration') {
      const unit = field.unit ?? 'ms';
      const parsed = parseDuration(text, unit);
      if (parsed.ok) input[field.key] = parsed.ms / DURATION_UNITS[unit];
      else errors.set(field.key, parsed.message);
    } else if (field.type === 'list') {
      input[field.key] = text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
    } else if (field.type === 'json') {
      input[field.key] = jsonValue(text);
    }
  }
  return { input, errors };
}
