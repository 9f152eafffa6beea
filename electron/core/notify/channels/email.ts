import fs from 'node:fs';
import nodemailer from 'nodemailer';
import { requireSecret } from '../../secrets/index.ts';
import {
  DEFAULT_CHANNEL_TIMEOUT_MS,
  type ChannelContext,
  type ChannelOf,
  type DeliveryChannel,
} from './channel.ts';
import { ProviderError } from './http-post.ts';
import { errorMessage } from '../../../../shared/errors.ts';

/**
 * E-mail over SMTP with nodemailer: STARTTLS required on a plain connection (never sent in the
 * clear), or TLS from the start. The delivery's key becomes the Message-ID, so a copy a retry
 * after a crash may send threads with (and is dropped by servers that deduplicate on) the first.
 */
export function emailChannel(config: ChannelOf<'email'>, context: ChannelContext): DeliveryChannel {
  const timeoutMs = context.timeoutMs ?? DEFAULT_CHANNEL_TIMEOUT_MS;
  return {
    name: config.name,
    async send(notice, key) {
      const transport = nodemailer.createTransport({
        host: config.host,
        port: config.port,
        secure: config.security === 'tls',
        requireTLS: config.security === 'starttls',
        auth:
          config.user !== undefined
            ? {
                user: config.user,
                pass: config.password ? requireSecret(context.secrets, config.password.secret) : '',
              }
            : undefined,
        tls: config.caFile ? { ca: fs.readFileSync(config.caFile, 'utf8') } : undefined,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      });
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: config.to,
          subject: `[${notice.priority}] ${notice.title}`,
          text: notice.body,
          messageId: `<${key.replace(/[^A-Za-z0-9.-]/g, '.')}@haltwatch>`,
          headers: { 'X-Haltwatch-Priority': notice.priority },
          priority: notice.priority === 'CRITICAL' || notice.priority === 'EMERGENCY' ? 'high' : 'normal',
        });
        return `SMTP ${info.response}`;
      } catch (error) {
        const response = (error as { response?: unknown }).response;
        throw new ProviderError(typeof response === 'string' ? `SMTP ${response}` : errorMessage(error));
      } finally {
        transport.close();
      }
    },
  };
}
