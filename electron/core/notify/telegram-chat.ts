import { ACTORS } from '../../../shared/audit.ts';
import type { CallContext, CallOutcome } from '../../../shared/contract.ts';
import type { SnoozeView } from '../../../shared/notify-channels.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import type { Dispatch } from '../dispatcher.ts';
import { decodeButton } from './telegram-buttons.ts';
import type { TelegramUpdate } from './telegram-api.ts';
import { statusText } from './telegram-status.ts';

/** Everything done from the chat is audited as Telegram's. Chat is not the operator's desk. */
const TELEGRAM: CallContext = { actor: ACTORS.telegram, commandsAndSecrets: false };

export const HELP_TEXT = [
  'Haltwatch commands:',
  '/status: the level, its cause and the worst services',
  '/halt <reason>: disable trading now (override on)',
  'Lifting the override, confirming or recovering is done in the Haltwatch app only.',
].join('\n');

/** What answering a chat needs: the contract, and the two ways of talking back. */
export interface ChatReplies {
  dispatch: Dispatch;
  /** A message to the operator's chat. */
  say(text: string): Promise<void>;
  /** The small note Telegram shows where the button was pressed. */
  answerButton(queryId: string, text: string): Promise<void>;
  log: (message: string) => void;
}

function failure(outcome: CallOutcome): string | null {
  return outcome.ok ? null : outcome.error.message;
}

/**
 * Answers one update from the operator's chat (`chatId`); any other chat is logged and ignored.
 * Only what makes things stricter or quieter is possible: /halt (override on), acknowledge and
 * snooze. Everything else gets the help text.
 */
export async function answerUpdate(
  update: TelegramUpdate,
  chatId: string,
  replies: ChatReplies,
): Promise<void> {
  const from = update.message?.chat.id ?? update.callback_query?.message?.chat.id;
  if (from === undefined || String(from) !== chatId) {
    replies.log(
      `haltwatch: telegram: ignored an update from chat ${from ?? 'unknown'} (only chat ${chatId} may command)`,
    );
    return;
  }
  if (update.callback_query) {
    const query = update.callback_query;
    await replies.answerButton(query.id, await pressButton(query.data ?? '', replies.dispatch));
    return;
  }
  await replies.say(await runCommand(update.message?.text ?? '', replies.dispatch));
}

async function pressButton(data: string, dispatch: Dispatch): Promise<string> {
  const action = decodeButton(data);
  if (!action) return 'This button is not one of Haltwatch’s.';
  if (action.kind === 'acknowledge') {
    const outcome = await dispatch(
      'notifications.acknowledge',
      { id: action.notice, reason: 'acknowledged from Telegram' },
      TELEGRAM,
    );
    return failure(outcome) ?? 'Acknowledged. The level stays as it is.';
  }
  const label = action.duration.replace('h', ' h');
  const outcome = await dispatch(
    'notifications.snooze',
    { service: action.service, duration: action.duration, reason: `snoozed ${label} from Telegram` },
    TELEGRAM,
  );
  if (!outcome.ok) return outcome.error.message;
  const until = new Date((outcome.result as SnoozeView).until).toISOString().slice(0, 16).replace('T', ' ');
  return `Notices of ${action.service} snoozed until ${until} UTC. The level and the gate are unchanged.`;
}

async function runCommand(text: string, dispatch: Dispatch): Promise<string> {
  const [head = ''] = text.trim().split(/\s+/, 1);
  // In a group Telegram sends "/status@SomeBot".
  const command = head.replace(/@[A-Za-z0-9_]+$/, '').toLowerCase();
  if (command === '/status') {
    const outcome = await dispatch('status.get', {}, TELEGRAM);
    return outcome.ok ? statusText(outcome.result as EngineStatus) : `No status: ${outcome.error.message}`;
  }
  if (command === '/halt') {
    const reason = text.trim().slice(head.length).trim();
    if (!reason) return 'Say why: /halt <reason>, e.g. /halt broker is acting up';
    const outcome = await dispatch('level.override', { enabled: true, reason }, TELEGRAM);
    return (
      failure(outcome) ??
      `Trading disabled (override on), reason "${reason}". New positions are refused; reducing, closing and cancelling stay allowed. Lift it in the Haltwatch app.`
    );
  }
  return HELP_TEXT;
}
