import { useEffect, useState } from 'react';
import { TOAST_MS, useToasts, type Toast } from './toast-store.ts';

/**
 * Where toasts show: fixed in a corner, so they never move the page. Two live regions that are
 * always in the page (a region added together with its text is not announced): polite for what
 * was done, assertive (role=alert) for failures.
 */
export function Toaster() {
  const toasts = useToasts((s) => s.toasts);
  const polite = toasts.filter((t) => t.tone !== 'error');
  const errors = toasts.filter((t) => t.tone === 'error');
  return (
    <div className="toasts" data-testid="toasts">
      <div role="alert" className="toast-region">
        {errors.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </div>
      <div role="status" aria-live="polite" className="toast-region">
        {polite.map((t) => (
          <ToastItem key={t.id} toast={t} />
        ))}
      </div>
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToasts((s) => s.dismiss);
  // Hovering or focusing a toast holds it, so it can be read at any pace.
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (toast.tone === 'error' || held) return;
    const timer = setTimeout(() => dismiss(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, held, dismiss]);
  return (
    <div
      className={`toast toast-${toast.tone}`}
      data-testid="toast"
      data-tone={toast.tone}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <p>
        <strong data-testid="toast-title">{toast.title}</strong>
        {toast.detail ? <span className="toast-detail"> {toast.detail}</span> : null}
      </p>
      <button
        type="button"
        className="toast-close"
        onClick={() => dismiss(toast.id)}
        aria-label={`Dismiss: ${toast.title}`}
        data-testid="toast-dismiss"
      >
        ×
      </button>
    </div>
  );
}
