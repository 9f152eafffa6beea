/**
 * Child process of outbox-restart.test.ts: opens the history database in <data dir>, publishes
 * three notices to the webhooks "slow" and "fast" at <origin>, starts sending, and waits to be
 * killed. Usage: node outbox-child.ts <data dir> <origin>
 */
import fs from 'node:fs';
import { systemClock } from '../../../electron/core/clock.ts';
import { centerHarness } from '../../helpers/notification-center.ts';

const [dir, origin] = process.argv.slice(2);
if (!dir || !origin) throw new Error('usage: node outbox-child.ts <data dir> <origin>');

const h = centerHarness({
  clock: systemClock,
  dir,
  notifications: {
    channels: ['slow', 'fast'].map((name) => ({
      kind: 'webhook',
      name,
      url: `${origin}/${name}`,
      minPriority: 'INFO',
    })),
  },
});
for (const n of [1, 2, 3]) {
  h.center.publish({
    kind: 'level',
    title: `notice ${n}`,
    body: 'b',
    urgency: 'critical',
    priority: 'CRITICAL',
    target: '#/board',
  });
}
h.center.start();
fs.writeSync(1, 'published\n');
setInterval(() => {}, 1_000);
