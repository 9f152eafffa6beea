import type { Clock, TimerHandle } from './clock.ts';
import { nextMaintenanceChange } from './maintenance.ts';
import type { ServiceConfig } from '../../shared/services.ts';

/**
 * Wakes the level engine when any service's maintenance window starts or ends, so a service leaving
 * maintenance counts again at once rather than at its next probe.
 */
export class MaintenanceTimer {
  private timer: TimerHandle | null = null;
  private readonly clock: Clock;
  private readonly services: () => readonly ServiceConfig[];
  private readonly onChange: () => void;

  constructor(clock: Clock, services: () => readonly ServiceConfig[], onChange: () => void) {
    this.clock = clock;
    this.services = services;
    this.onChange = onChange;
  }

  /** Re-arms for the services as they are now (call after they change). */
  refresh(): void {
    this.timer?.cancel();
    this.timer = null;
    const now = this.clock.now();
    let next: number | null = null;
    for (const service of this.services()) {
      const at = nextMaintenanceChange(service, now);
      if (at !== null && (next === null || at < next)) next = at;
    }
    if (next === null) return;
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.onChange();
      this.refresh();
    }, next - now);
  }

  dispose(): void {
    this.timer?.cancel();
    this.timer = null;
  }
}
