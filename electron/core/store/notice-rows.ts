import type Database from 'better-sqlite3';
import type {
  DeliveryState,
  DeliveryView,
  NoticeContent,
  NoticeView,
} from '../../../shared/notify-channels.ts';

/** The notification center's rows as SQLite returns them, the statements that read and write them, and their views. */

export interface NoticeRow extends NoticeContent {
  snoozed: number;
  repeats: number;
  read_at: number | null;
  acked_at: number | null;
  acked_by: string | null;
  ack_reason: string | null;
}

export interface OutboxRow {
  notice_id: number;
  channel: string;
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_at: number;
  sent_at: number | null;
  answer: string | null;
}

/** An outbox row joined with its notice's content. */
export interface DueRow extends Omit<NoticeContent, 'id'> {
  id: number;
  channel: string;
  idempotency_key: string;
  attempts: number;
  created_at: number;
  notice_id: number;
}

export interface SnoozeRow {
  service: string;
  at: number;
  until_at: number;
  reason: string;
  actor: string;
}

export type NoticeStatements = ReturnType<typeof prepareNoticeStatements>;

/** Every statement NoticeStore runs. */
export function prepareNoticeStatements(db: Database.Database) {
  return {
    insertNotice: db.prepare(
      `INSERT INTO notices (at, kind, priority, service, title, body, target, snoozed)
       VALUES (@at, @kind, @priority, @service, @title, @body, @target, @snoozed)`,
    ),
    insertDelivery: db.prepare(
      `INSERT OR IGNORE INTO outbox (notice_id, channel, idempotency_key, state, created_at, next_at)
       VALUES (?, ?, ?, 'pending', ?, ?)`,
    ),
    due: db.prepare<[number, number], DueRow>(
      `SELECT o.id, o.channel, o.idempotency_key, o.attempts, o.created_at, o.notice_id,
         n.at, n.kind, n.priority, n.service, n.title, n.body, n.target
       FROM outbox o JOIN notices n ON n.id = o.notice_id
       WHERE o.state IN ('pending', 'sending') AND o.next_at <= ? ORDER BY o.next_at, o.id LIMIT ?`,
    ),
    nextDue: db.prepare<[], { next: number | null }>(
      `SELECT min(next_at) AS next FROM outbox WHERE state IN ('pending', 'sending')`,
    ),
    begin: db.prepare(
      `UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state IN ('pending', 'sending')`,
    ),
    sent: db.prepare(
      `UPDATE outbox SET state = 'sent', sent_at = ?, answer = ? WHERE id = ? AND state = 'sending'`,
    ),
    retry: db.prepare(
      `UPDATE outbox SET state = 'pending', next_at = ?, answer = ? WHERE id = ? AND state = 'sending'`,
    ),
    failed: db.prepare(`UPDATE outbox SET state = 'failed', answer = ? WHERE id = ? AND state = 'sending'`),
    page: db.prepare<[number, number], NoticeRow>(
      `SELECT * FROM notices WHERE at >= ? ORDER BY id DESC LIMIT ?`,
    ),
    one: db.prepare<[number], NoticeRow>(`SELECT * FROM notices WHERE id = ?`),
    deliveriesOf: db.prepare<[number, number], OutboxRow>(
      `SELECT notice_id, channel, state, attempts, next_at, sent_at, answer FROM outbox
       WHERE notice_id BETWEEN ? AND ? ORDER BY id`,
    ),
    unread: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM notices WHERE read_at IS NULL`),
    markRead: db.prepare(`UPDATE notices SET read_at = ? WHERE read_at IS NULL AND id <= ?`),
    ack: db.prepare(
      `UPDATE notices SET acked_at = ?, acked_by = ?, ack_reason = ? WHERE id = ? AND acked_at IS NULL`,
    ),
    repeated: db.prepare(`UPDATE notices SET repeats = repeats + 1 WHERE id = ?`),
    insertSnooze: db.prepare(
      `INSERT INTO snoozes (service, at, until_at, reason, actor) VALUES (?, ?, ?, ?, ?)`,
    ),
    activeSnoozes: db.prepare<[number], SnoozeRow>(
      `SELECT service, at, until_at, reason, actor FROM snoozes
       WHERE cleared_at IS NULL AND until_at > ? ORDER BY until_at DESC`,
    ),
    clearSnooze: db.prepare(
      `UPDATE snoozes SET cleared_at = ? WHERE service = ? AND cleared_at IS NULL AND until_at > ?`,
    ),
  };
}

export function deliveryView(row: OutboxRow): DeliveryView {
  const state: DeliveryState = row.state === 'sending' ? 'pending' : row.state;
  return {
    channel: row.channel,
    state,
    attempts: row.attempts,
    answer: row.answer,
    sentAt: row.sent_at,
    nextAttemptAt: state === 'pending' ? row.next_at : null,
  };
}

type NoticeContentColumns = 'at' | 'kind' | 'priority' | 'service' | 'title' | 'body' | 'target';

/** What a notice says, as the channels send it and the center lists it. */
export function noticeContent(
  row: Pick<NoticeRow, NoticeContentColumns>,
): Pick<NoticeRow, NoticeContentColumns> {
  return {
    at: row.at,
    kind: row.kind,
    priority: row.priority,
    service: row.service,
    title: row.title,
    body: row.body,
    target: row.target,
  };
}

export function noticeView(row: NoticeRow, deliveries: DeliveryView[]): NoticeView {
  return {
    id: row.id,
    ...noticeContent(row),
    repeats: row.repeats,
    acknowledged:
      row.acked_at === null
        ? null
        : { at: row.acked_at, actor: row.acked_by ?? '', reason: row.ack_reason ?? '' },
    snoozed: row.snoozed === 1,
    read: row.read_at !== null,
    deliveries,
  };
}
