import type Database from 'better-sqlite3';
import type { DeliveryView, NoticeContent, NoticeView, SnoozeView } from '../../../shared/notify-channels.ts';
import {
  deliveryView,
  noticeContent,
  noticeView,
  prepareNoticeStatements,
  type NoticeStatements,
} from './notice-rows.ts';
import type { StoreWrite } from './write-guard.ts';

export interface NewNotice extends Omit<NoticeContent, 'id'> {
  snoozed: boolean;
}

export interface NewDelivery {
  channel: string;
  key: string;
}

/** One outbox row due for an attempt, with its notice. */
export interface DueDelivery {
  id: number;
  channel: string;
  key: string;
  attempts: number;
  createdAt: number;
  notice: NoticeContent;
}

/**
 * The notification center's tables: notices, the outbox of their deliveries (one row per notice
 * and channel, written with the notice, before anything is sent) and snoozes. Writes go through
 * the store's guarded write; reads throw when the database cannot be read.
 */
export class NoticeStore {
  private readonly db: Database.Database;
  private readonly write: StoreWrite;
  private prepared: NoticeStatements | null = null;

  constructor(db: Database.Database, write: StoreWrite) {
    this.db = db;
    this.write = write;
  }

  /** Prepared at first use: a store opened on an older schema (upgrade tests, tools) never needs them. */
  private get statements(): NoticeStatements {
    this.prepared ??= prepareNoticeStatements(this.db);
    return this.prepared;
  }

  /** The notice and its deliveries in one transaction; null when the store refused the write. */
  add(notice: NewNotice, deliveries: readonly NewDelivery[]): number | null {
    return this.write(
      `notice "${notice.title}"`,
      () => {
        const id = Number(
          this.statements.insertNotice.run({ ...notice, snoozed: notice.snoozed ? 1 : 0 }).lastInsertRowid,
        );
        for (const d of deliveries)
          this.statements.insertDelivery.run(id, d.channel, d.key, notice.at, notice.at);
        return id;
      },
      null,
    );
  }

  /** Deliveries of an existing notice again (an EMERGENCY repeat), under new keys. */
  addRepeat(noticeId: number, deliveries: readonly NewDelivery[], now: number): boolean {
    return this.write(
      `repeat of notice ${noticeId}`,
      () => {
        this.statements.repeated.run(noticeId);
        for (const d of deliveries) this.statements.insertDelivery.run(noticeId, d.channel, d.key, now, now);
        return true;
      },
      false,
    );
  }

  due(now: number, limit: number): DueDelivery[] {
    return this.statements.due.all(now, limit).map((row) => ({
      id: row.id,
      channel: row.channel,
      key: row.idempotency_key,
      attempts: row.attempts,
      createdAt: row.created_at,
      notice: { id: row.notice_id, ...noticeContent(row) },
    }));
  }

  nextDueAt(): number | null {
    return this.statements.nextDue.get()?.next ?? null;
  }

  /** Records that an attempt begins; false when the row could not be marked (then it is not sent). */
  beginAttempt(id: number): boolean {
    return this.write(`delivery ${id}`, () => this.statements.begin.run(id).changes === 1, false);
  }

  markSent(id: number, at: number, answer: string): void {
    this.write(`delivery ${id}`, () => void this.statements.sent.run(at, answer, id), undefined);
  }

  markRetry(id: number, nextAt: number, error: string): void {
    this.write(`delivery ${id}`, () => void this.statements.retry.run(nextAt, error, id), undefined);
  }

  markFailed(id: number, error: string): void {
    this.write(`delivery ${id}`, () => void this.statements.failed.run(error, id), undefined);
  }

  /** Newest first, from `since` on. */
  list(since: number, limit: number): NoticeView[] {
    const rows = this.statements.page.all(since, limit);
    if (rows.length === 0) return [];
    const deliveries = new Map<number, DeliveryView[]>();
    const last = rows[0]?.id ?? 0;
    const first = rows.at(-1)?.id ?? 0;
    for (const row of this.statements.deliveriesOf.all(first, last)) {
      const list = deliveries.get(row.notice_id) ?? [];
      list.push(deliveryView(row));
      deliveries.set(row.notice_id, list);
    }
    return rows.map((row) => noticeView(row, deliveries.get(row.id) ?? []));
  }

  get(id: number): NoticeView | null {
    const row = this.statements.one.get(id);
    if (!row) return null;
    return noticeView(
      row,
      this.statements.deliveriesOf.all(id, id).map((d) => deliveryView(d)),
    );
  }

  unread(): number {
    return this.statements.unread.get()?.n ?? 0;
  }

  markRead(upTo: number, at: number): void {
    this.write('notices read', () => void this.statements.markRead.run(at, upTo), undefined);
  }

  /** False when the notice is unknown or already acknowledged. */
  acknowledge(id: number, at: number, actor: string, reason: string): boolean {
    return this.write(
      `acknowledgement of notice ${id}`,
      () => this.statements.ack.run(at, actor, reason, id).changes === 1,
      false,
    );
  }

  snooze(snooze: SnoozeView): boolean {
    return this.write(
      `snooze of ${snooze.service}`,
      () => {
        this.statements.clearSnooze.run(snooze.at, snooze.service, snooze.at);
        this.statements.insertSnooze.run(
          snooze.service,
          snooze.at,
          snooze.until,
          snooze.reason,
          snooze.actor,
        );
        return true;
      },
      false,
    );
  }

  /** True when a snooze was in force and is now lifted. */
  clearSnooze(service: string, at: number): boolean {
    return this.write(
      `end of the snooze of ${service}`,
      () => this.statements.clearSnooze.run(at, service, at).changes > 0,
      false,
    );
  }

  activeSnoozes(now: number): SnoozeView[] {
    return this.statements.activeSnoozes.all(now).map((row) => ({
      service: row.service,
      at: row.at,
      until: row.until_at,
      reason: row.reason,
      actor: row.actor,
    }));
  }

  /** For tests and tools: every outbox row of a notice. */
  deliveries(noticeId: number): DeliveryView[] {
    return this.statements.deliveriesOf.all(noticeId, noticeId).map((d) => deliveryView(d));
  }
}
