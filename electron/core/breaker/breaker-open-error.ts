import type { BreakerStateName } from '../../../shared/levels.ts';

/** Thrown (as a rejection) by `execute` when the breaker does not admit the call. */
export class BreakerOpenError extends Error {
  readonly service: string;
  readonly state: BreakerStateName;
  /** When trial calls may be admitted again; null while isolated or while half-open trials run. */
  readonly retryAt: number | null;

  constructor(service: string, state: BreakerStateName, retryAt: number | null) {
    super(
      state === 'HALF_OPEN'
        ? `breaker "${service}" is half-open and its trial calls are taken`
        : `breaker "${service}" is open${retryAt === null ? ' (isolated)' : ` until ${new Date(retryAt).toISOString()}`}`,
    );
    this.name = 'BreakerOpenError';
    this.service = service;
    this.state = state;
    this.retryAt = retryAt;
  }
}
