import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACTORS } from '../../../shared/audit.ts';
import type { CallContext } from '../../../shared/contract.ts';
import { sendError } from './bot/errors.ts';

/**
 * The two tokens' scopes. `bot` asks and reports: the gate, reports, heartbeats, status, issues and
 * turning the override on (a bot may always make things safer). `operator` may do all of that and
 * everything else: the dashboard's contract, its event stream, recover, confirm, override off,
 * checks and history.
 */
export type Scope = 'bot' | 'operator';

/** Answers the request's token: its scope when it grants `need`, else null after a 401 or 403. */
export type Authorize = (
  request: FastifyRequest,
  reply: FastifyReply,
  need: Scope,
  presented?: string,
) => Scope | null;

/** What the bot token may do, in words, for the 403 that refuses it anything else. */
export const BOT_SCOPE_TEXT =
  'the bot token may only ask the gate, send reports and heartbeats, read the status and issues, and turn the override on';

export function forbidden(reply: FastifyReply, what: string): FastifyReply {
  return sendError(reply, 403, {
    code: 'forbidden',
    message: `${what} needs the operator token (scope "operator"); ${BOT_SCOPE_TEXT}`,
  });
}

/** The contexts calls over HTTP run in, made once: the gate must not allocate per question. */
export function httpContexts(allowRemoteCommands: boolean): Record<Scope, CallContext> {
  return {
    bot: { actor: ACTORS.bot, commandsAndSecrets: false },
    operator: { actor: ACTORS.dashboard, commandsAndSecrets: allowRemoteCommands },
  };
}
