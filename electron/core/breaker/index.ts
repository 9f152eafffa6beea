export { CircuitBreaker } from './circuit-breaker.ts';
export type { BreakerPermit, BreakerTransition, CircuitBreakerOptions } from './circuit-breaker.ts';
export { BucketWindow } from './bucket-window.ts';
export type { BucketWindowState } from './bucket-window.ts';
export { CountWindow } from './count-window.ts';
