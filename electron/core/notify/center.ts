import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../../../shared/audit.ts';
import type { LevelName } from '../../../shared/levels.ts';
import {
  atLeast,
  type ChannelConfig,
  type ChannelTestResult,
  type NoticeView,
  type NotificationsPage,
  type SnoozeDuration,
  type SnoozeView,
} from '../../../shared/notify-channels.ts';
import type { NotificationSettings } from '../../../shared/settings.ts';
import type { ConfigProblem } from '../../../shared/status.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import { redactor, type SecretResolver } from '../secrets/index.ts';
import type { NoticeStore } from '../store/notices.ts';
import { buildChannel, type DeliveryChannel } from './channels/index.ts';
import { legacyWebhooks } from './legacy-webhooks.ts';
import type { Notice, NotifierPort } from './notice.ts';
import { OutboxWorker } from './outbox.ts';
import { errorMessage, UserError } from '../../../shared/errors.ts';

const HOUR_MS = 3_600_000;

export interface NotificationCenterOptions {
  notices: NoticeStore;
  clock: Clock;
  settings: () => NotificationSettings;
  secrets: SecretResolver;
  /** When the exchange's next session opens after `now` (a snooze "until the next session"). */
  nextSessionOpen: (now: number) => number;
  audit: (event: AuditEvent) => void;
  log: (message: string) => void;
  /** The center changed (a notice, a read mark, a failing channel): tell the dashboard. */
  onChange: () => void;
  /** A channel started or stopped failing again and again: the board's problems changed. */
  onProblemsChange: () => void;
  /** Where board problems are said to come from. */
  settingsFile: string;
  fetch?: typeof fetch;
}

/**
 * The notification center: every notice the policy lets through is written to the log and stored
 * (the dashboard's list), then queued in the outbox for each channel whose minimum priority it
 * reaches, unless its service is snoozed (EMERGENCY is never snoozed). An EMERGENCY notice goes out
 * again every `emergencyRepeatMinutes` until it is acknowledged or the level leaves SHUTDOWN.
 * Acknowledging and snoozing only change who is told: the gate never sees them.
 */
export class NotificationCenter {
  private readonly options: NotificationCenterOptions;
  private readonly worker: OutboxWorker;
  private local: NotifierPort | null = null;
  private repeating: { notice: Notice; id: number; timer: TimerHandle } | null = null;

  constructor(options: NotificationCenterOptions) {
    this.options = options;
    this.worker = new OutboxWorker({
      notices: options.notices,
      clock: options.clock,
      channels: () => this.channels(),
      redact: (text) => redactor(options.secrets)(text),
      log: options.log,
      onHealthChange: () => options.onProblemsChange(),
    });
  }

  start(): void {
    this.worker.start();
  }

  stop(): void {
    this.stopRepeating();
    this.worker.stop();
  }

  /** Resolves once the outbox round in progress has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.worker.idle();
  }

  /** The desktop's own notifier (native or node-notifier), shown what is not snoozed. */
  attachLocal(port: NotifierPort | null): void {
    this.local = port;
  }

  publish(notice: Notice): void {
    const { clock, notices } = this.options;
    const at = clock.now();
    const service = notice.service ?? null;
    const snoozed =
      notice.priority !== 'EMERGENCY' && service !== null && this.snoozeOf(service, at) !== null;
    this.options.log(
      `haltwatch: notice [${notice.priority}]${snoozed ? ' (snoozed)' : ''} ${notice.title}: ${notice.body.replaceAll('\n', ' | ')}`,
    );
    const deliveries = snoozed ? [] : this.deliveriesFor(notice);
    const id = notices.add(
      {
        at,
        kind: notice.kind,
        priority: notice.priority,
        service,
        title: notice.title,
        body: notice.body,
        target: notice.target,
        snoozed,
      },
      deliveries,
    );
    if (id === null) this.options.log(`haltwatch: notice "${notice.title}" could not be stored or sent on`);
    if (!snoozed) this.showLocally(notice);
    if (id !== null && notice.priority === 'EMERGENCY') this.repeatUntilAcknowledged(notice, id);
    this.worker.kick();
    this.changed();
  }

  /** The level the engine is at now: leaving SHUTDOWN ends an EMERGENCY's repeats. */
  observeLevel(level: LevelName): void {
    if (level !== 'SHUTDOWN') this.stopRepeating();
  }

  list(since: number, limit: number): NotificationsPage {
    const { notices, clock } = this.options;
    return {
      notices: notices.list(since, limit),
      unread: notices.unread(),
      snoozes: notices.activeSnoozes(clock.now()),
    };
  }

  markRead(upTo: number): { unread: number } {
    this.options.notices.markRead(upTo, this.options.clock.now());
    this.changed();
    return { unread: this.options.notices.unread() };
  }

  acknowledge(id: number, actor: string, reason: string): NoticeView {
    const { notices, clock } = this.options;
    const at = clock.now();
    const before = notices.get(id);
    if (!before) throw new UserError(`no notice with id ${id}`);
    if (before.acknowledged) return before;
    if (!notices.acknowledge(id, at, actor, reason))
      throw new UserError(`notice ${id} could not be acknowledged: the history database refused the write`);
    if (this.repeating?.id === id) this.stopRepeating();
    this.options.audit({
      at,
      kind: 'manual',
      action: 'notice_acknowledged',
      reason,
      actor,
      details: { notice: id, title: before.title },
    });
    this.changed();
    return notices.get(id) ?? before;
  }

  snooze(service: string, duration: SnoozeDuration, actor: string, reason: string): SnoozeView {
    const at = this.options.clock.now();
    const until =
      duration === '1h'
        ? at + HOUR_MS
        : duration === '4h'
          ? at + 4 * HOUR_MS
          : this.options.nextSessionOpen(at);
    const snooze: SnoozeView = { service, at, until, reason, actor };
    if (!this.options.notices.snooze(snooze))
      throw new UserError(`the snooze could not be saved: the history database refused the write`);
    this.options.audit({
      at,
      kind: 'manual',
      action: 'notices_snoozed',
      reason,
      actor,
      details: { service, until, duration },
    });
    this.changed();
    return snooze;
  }

  unsnooze(service: string, actor: string, reason: string): void {
    const at = this.options.clock.now();
    if (!this.options.notices.clearSnooze(service, at))
      throw new UserError(`the notices of "${service}" are not snoozed`);
    this.options.audit({
      at,
      kind: 'manual',
      action: 'notices_unsnoozed',
      reason,
      actor,
      details: { service },
    });
    this.changed();
  }

  /** Sends one test notice on `config` now, outside the outbox, and says what the provider answered. */
  async test(config: ChannelConfig): Promise<ChannelTestResult> {
    const redact = redactor(this.options.secrets);
    const at = this.options.clock.now();
    try {
      const answer = await buildChannel(config, this.context()).send(
        {
          id: 0,
          at,
          kind: 'test',
          priority: config.minPriority,
          service: null,
          title: 'Haltwatch: test notice',
          body: `Sent from Settings to check the "${config.name}" channel. Nothing has changed.`,
          target: '#/notifications',
        },
        `haltwatch-test-${randomUUID()}`,
      );
      return { ok: true, answer: redact(answer) };
    } catch (error) {
      return { ok: false, answer: redact(errorMessage(error)) };
    }
  }

  /** Channels failing again and again, as board problems. */
  problems(): ConfigProblem[] {
    return this.worker.failingChannels().map((failure) => ({
      file: this.options.settingsFile,
      area: 'notifications',
      message: `the notification channel "${failure.channel}" failed ${failure.failures} times in a row (last: ${failure.lastError}); its notices are retried for 24 h`,
      issues: [{ path: `notifications.channels.${failure.channel}`, message: failure.lastError }],
      keptAt: null,
    }));
  }

  private changed(): void {
    try {
      this.options.onChange();
    } catch (error) {
      this.options.log(
        `haltwatch: the notification center could not tell the dashboard: ${errorMessage(error)}`,
      );
    }
  }

  private snoozeOf(service: string, now: number): SnoozeView | null {
    try {
      return this.options.notices.activeSnoozes(now).find((s) => s.service === service) ?? null;
    } catch {
      return null;
    }
  }

  private configured(): ChannelConfig[] {
    const settings = this.options.settings();
    return [...settings.channels, ...legacyWebhooks(settings)].filter((c) => c.enabled);
  }

  private deliveriesFor(notice: Notice): { channel: string; key: string }[] {
    return this.configured()
      .filter((c) => atLeast(notice.priority, c.minPriority))
      .map((c) => ({ channel: c.name, key: `haltwatch-${randomUUID()}` }));
  }

  private channels(): Map<string, DeliveryChannel> {
    const context = this.context();
    return new Map(this.configured().map((c) => [c.name, buildChannel(c, context)]));
  }

  private context() {
    return { secrets: this.options.secrets, clock: this.options.clock, fetch: this.options.fetch };
  }

  private showLocally(notice: Notice): void {
    try {
      this.local?.send(notice);
    } catch (error) {
      this.options.log(`haltwatch: a notification channel failed: ${errorMessage(error)}`);
    }
  }

  private repeatUntilAcknowledged(notice: Notice, id: number): void {
    this.stopRepeating();
    const every = this.options.settings().emergencyRepeatMinutes * 60_000;
    const again = () => {
      const current = this.options.notices.get(id);
      if (!current || current.acknowledged) {
        this.repeating = null;
        return;
      }
      const deliveries = this.deliveriesFor(notice);
      this.options.notices.addRepeat(id, deliveries, this.options.clock.now());
      this.options.log(
        `haltwatch: notice [EMERGENCY] ${notice.title}: repeated (not acknowledged; repeats every ${every / 60_000} min)`,
      );
      this.showLocally(notice);
      this.worker.kick();
      this.changed();
      if (this.repeating) this.repeating.timer = this.options.clock.setTimer(again, every);
    };
    this.repeating = { notice, id, timer: this.options.clock.setTimer(again, every) };
  }

  private stopRepeating(): void {
    this.repeating?.timer.cancel();
    this.repeating = null;
  }
}
