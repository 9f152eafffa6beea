import type { NoticeContent, SnoozeDuration } from '../../../shared/notify-channels.ts';

/** Telegram refuses callback data longer than this many bytes. */
const MAX_CALLBACK_BYTES = 64;

/** What a reply button asks for, carried in its callback data. */
export type ButtonAction =
  | { kind: 'acknowledge'; notice: number }
  | { kind: 'snooze'; service: string; duration: Exclude<SnoozeDuration, 'session'> };

export function encodeButton(action: ButtonAction): string {
  return action.kind === 'acknowledge' ? `ack:${action.notice}` : `snz:${action.duration}:${action.service}`;
}

/** The action a button's callback data names, or null for data Haltwatch did not put there. */
export function decodeButton(data: string): ButtonAction | null {
  const ack = /^ack:([1-9]\d{0,15})$/.exec(data);
  if (ack) return { kind: 'acknowledge', notice: Number(ack[1]) };
  const snooze = /^snz:(1h|4h):(.+)$/.exec(data);
  if (snooze) return { kind: 'snooze', duration: snooze[1] as '1h' | '4h', service: snooze[2] as string };
  return null;
}

interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

/**
 * The inline keyboard under a notice: Acknowledge, and for a service's notice Snooze 1 h / 4 h.
 * A test notice (id 0) is not stored, so it gets none; a service name too long for Telegram's
 * callback data gets no snooze buttons.
 */
export function replyButtons(notice: Pick<NoticeContent, 'id' | 'service'>): InlineKeyboard | null {
  if (notice.id <= 0) return null;
  const row = [
    { text: 'Acknowledge', callback_data: encodeButton({ kind: 'acknowledge', notice: notice.id }) },
  ];
  if (notice.service) {
    for (const duration of ['1h', '4h'] as const) {
      const data = encodeButton({ kind: 'snooze', service: notice.service, duration });
      if (Buffer.byteLength(data) <= MAX_CALLBACK_BYTES)
        row.push({ text: `Snooze ${duration.replace('h', ' h')}`, callback_data: data });
    }
  }
  return { inline_keyboard: [row] };
}
