import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_TOASTS, toast, toastFailure, useToasts } from '../../../renderer/src/toasts/toast-store.ts';

beforeEach(() => useToasts.setState({ toasts: [] }));

describe('the toast store', () => {
  it('keeps the newest few, oldest dropped first, each dismissible by id', () => {
    const ids = Array.from({ length: MAX_TOASTS + 2 }, (_, i) => toast('done', `action ${i}`));
    const shown = useToasts.getState().toasts;
    expect(shown.map((t) => t.title)).toEqual(
      Array.from({ length: MAX_TOASTS }, (_, i) => `action ${i + 2}`),
    );
    useToasts.getState().dismiss(ids.at(-1)!);
    expect(useToasts.getState().toasts).toHaveLength(MAX_TOASTS - 1);
    expect(useToasts.getState().toasts.some((t) => t.id === ids.at(-1))).toBe(false);
  });

  it('a failure is an error toast with the message, whatever was thrown', () => {
    toastFailure('Saving the schedule', new Error('schedule.json is read-only'));
    toastFailure('The check', 'engine busy');
    expect(useToasts.getState().toasts).toMatchObject([
      { tone: 'error', title: 'Saving the schedule failed', detail: 'schedule.json is read-only' },
      { tone: 'error', title: 'The check failed', detail: 'engine busy' },
    ]);
  });
});
