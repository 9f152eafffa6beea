import { errorMessage } from '../../../shared/errors.ts';
import { create } from 'zustand';

/** `done`: an action did what was asked; `warn`: it did, but not all of it held; `error`: it failed. */
export type ToastTone = 'done' | 'warn' | 'error';

export interface Toast {
  id: number;
  tone: ToastTone;
  /** What changed, in one line: "Recovery forced: HALT → NORMAL". */
  title: string;
  /** Why or what else, when it matters: "raised again at once by slippage 0.6 % (threshold 0.5 %)". */
  detail?: string;
}

/** At most this many stay on screen; the oldest go first. */
export const MAX_TOASTS = 4;
/** How long a toast that is not an error stays; errors stay until dismissed. */
export const TOAST_MS = 6000;

interface ToastState {
  toasts: Toast[];
  show(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  show(toast) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
}));

/** Shows a toast from anywhere (an action's handler, outside React's render). */
export function toast(tone: ToastTone, title: string, detail?: string): number {
  return useToasts.getState().show(detail ? { tone, title, detail } : { tone, title });
}

/** The failure of an action as an error toast: "Saving the schedule failed: …". */
export function toastFailure(what: string, error: unknown): number {
  return toast('error', `${what} failed`, errorMessage(error));
}
