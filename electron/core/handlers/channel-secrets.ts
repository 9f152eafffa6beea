import { isDeepStrictEqual } from 'node:util';
import type { ChannelConfig } from '../../../shared/notify-channels.ts';
import { secretUses } from '../secrets/host-binding.ts';
import { ForbiddenError } from '../../../shared/errors.ts';

/**
 * A notification channel sends stored secrets (a bot token, a webhook URL, an SMTP password) to the
 * address in its own settings, so setting one up is like saving a secret: the desktop operator's
 * alone. Without that right (HTTP, unless serve runs with --allow-remote-commands) a channel that
 * uses a secret may only be kept or tested exactly as it was saved.
 */
export function refuseRemoteSecretChannels(
  saved: readonly ChannelConfig[],
  proposed: readonly ChannelConfig[],
  allowed: boolean,
  what: string,
): void {
  if (allowed) return;
  const changed = proposed.filter(
    (channel) => secretUses(channel).length > 0 && !saved.some((kept) => isDeepStrictEqual(kept, channel)),
  );
  if (changed.length === 0) return;
  const names = changed.map((channel) => `"${channel.name}"`).join(', ');
  throw new ForbiddenError(
    `${what} ${names} is refused over HTTP: a channel that uses a stored secret sends it where its ` +
      'settings say, so only the desktop operator sets it up or changes it (use the Haltwatch window, ' +
      'or start haltwatch serve with --allow-remote-commands)',
  );
}
