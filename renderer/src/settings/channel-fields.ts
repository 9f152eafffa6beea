import type { ChannelKind } from '../../../shared/notify-channels.ts';

/** One field of a channel's editor: a text, a number, a choice, a list, a secret reference or a switch. */
export interface ChannelField {
  key: string;
  label: string;
  type: 'text' | 'number' | 'select' | 'list' | 'secret' | 'checkbox';
  options?: readonly string[];
  placeholder?: string;
}

/** What each kind asks for (shared/notify-channels.ts has the rules); base URLs default to the provider's. */
export const CHANNEL_FIELDS: Record<ChannelKind, readonly ChannelField[]> = {
  email: [
    { key: 'host', label: 'SMTP server', type: 'text', placeholder: 'smtp.example.com' },
    { key: 'port', label: 'Port', type: 'number', placeholder: '587' },
    { key: 'security', label: 'Security', type: 'select', options: ['starttls', 'tls'] },
    { key: 'user', label: 'User', type: 'text' },
    { key: 'password', label: 'Password', type: 'secret' },
    { key: 'caFile', label: 'Extra CA file (PEM), for a private certificate', type: 'text' },
    { key: 'from', label: 'From', type: 'text', placeholder: 'haltwatch@example.com' },
    { key: 'to', label: 'To (comma-separated)', type: 'list', placeholder: 'me@example.com' },
  ],
  telegram: [
    { key: 'botToken', label: 'Bot token', type: 'secret' },
    { key: 'chatId', label: 'Chat id', type: 'text', placeholder: '123456789 or @channel' },
    { key: 'baseUrl', label: 'Bot API URL', type: 'text', placeholder: 'https://api.telegram.org' },
    {
      key: 'commands',
      label: 'Reply buttons, /status and /halt from this chat (numeric chat id)',
      type: 'checkbox',
    },
  ],
  sms: [
    { key: 'accountSid', label: 'Twilio Account SID', type: 'text', placeholder: 'AC…' },
    { key: 'authToken', label: 'Auth token', type: 'secret' },
    { key: 'from', label: 'From number', type: 'text', placeholder: '+15551234567' },
    { key: 'to', label: 'To number', type: 'text', placeholder: '+15557654321' },
    { key: 'baseUrl', label: 'API URL', type: 'text', placeholder: 'https://api.twilio.com' },
  ],
  ntfy: [
    { key: 'baseUrl', label: 'Server', type: 'text', placeholder: 'https://ntfy.sh' },
    { key: 'topic', label: 'Topic', type: 'text' },
    { key: 'token', label: 'Access token (protected topics)', type: 'secret' },
  ],
  pushover: [
    { key: 'appToken', label: 'Application token', type: 'secret' },
    { key: 'userKey', label: 'User key', type: 'secret' },
    { key: 'baseUrl', label: 'API URL', type: 'text', placeholder: 'https://api.pushover.net' },
  ],
  discord: [{ key: 'url', label: 'Webhook URL', type: 'secret' }],
  slack: [{ key: 'url', label: 'Incoming webhook URL', type: 'secret' }],
  webhook: [
    { key: 'url', label: 'URL', type: 'text', placeholder: 'https://example.com/hook' },
    { key: 'bearer', label: 'Bearer token', type: 'secret' },
  ],
};

/** A form value as the channel schema wants it: empty fields left out, lists split. */
export function fieldValue(field: ChannelField, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  if (field.type === 'number') return Number(text);
  if (field.type === 'list')
    return text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  return text;
}

export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'object' ? '' : String(value as string | number);
}
