import fs from 'node:fs';
import path from 'node:path';
import type net from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildChannel, type OutgoingNotice } from '../../../electron/core/notify/channels/index.ts';
import { staticSecrets } from '../../../electron/core/secrets/index.ts';
import { channelSchema, type ChannelConfigInput } from '../../../shared/notify-channels.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { makeTestCertificates, type TestCertificates } from '../../helpers/servers/tls-certs.ts';

interface Received {
  from: string | undefined;
  to: string[];
  user: string | undefined;
  secure: boolean;
  data: string;
}

const notice: OutgoingNotice = {
  id: 3,
  at: Date.UTC(2026, 0, 5, 15, 0),
  kind: 'level',
  priority: 'EMERGENCY',
  service: null,
  title: 'Haltwatch: ✕ SHUTDOWN',
  body: 'Nothing but cancels.',
  target: '#/board',
};

let certs: TestCertificates;
let selfSignedFile: string;
beforeAll(() => {
  certs = makeTestCertificates();
  selfSignedFile = path.join(path.dirname(certs.caFile), 'self-trust.pem');
  fs.writeFileSync(selfSignedFile, certs.selfSigned);
});
afterAll(() => certs.dispose());

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A real SMTP server (smtp-server) on 127.0.0.1 that keeps what it receives. */
async function smtp(options: SMTPServerOptions): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: [],
    onAuth(auth, _session, callback) {
      if (auth.username === 'trader' && auth.password === 'mail-secret')
        callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          secure: session.secure,
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...options,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as net.AddressInfo).port, received };
}

/** The Subject header, unfolded and decoded from RFC 2047 Q-encoding. */
function subjectOf(data: string): string {
  const header = /^Subject: (.*(?:\r\n .*)*)/m.exec(data)?.[1] ?? '';
  const words = [...header.matchAll(/=\?UTF-8\?Q\?([^?]*)\?=/g)].map((m) => m[1] ?? '');
  const bytes = words
    .join('')
    .replaceAll('_', ' ')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes);
}

function email(config: Partial<ChannelConfigInput> & { port: number }) {
  return buildChannel(
    channelSchema.parse({
      kind: 'email',
      name: 'mail',
      host: '127.0.0.1',
      user: 'trader',
      password: { secret: 'SMTP_PASSWORD' },
      from: 'haltwatch@example.com',
      to: ['me@example.com', 'desk@example.com'],
      ...config,
    }),
    { secrets: staticSecrets({ SMTP_PASSWORD: 'mail-secret' }), clock: new ManualClock(), timeoutMs: 5_000 },
  );
}

describe('email channel against smtp-server', () => {
  it('STARTTLS with a self-signed certificate given as caFile: authenticated, received whole', async () => {
    const server = await smtp({ key: certs.selfSignedKey, cert: certs.selfSigned });
    const answer = await email({ port: server.port, security: 'starttls', caFile: selfSignedFile }).send(
      notice,
      'haltwatch-1234',
    );
    expect(answer).toMatch(/^SMTP 250 /);
    expect(server.received).toHaveLength(1);
    const mail = server.received[0];
    expect(mail).toMatchObject({
      from: 'haltwatch@example.com',
      to: ['me@example.com', 'desk@example.com'],
      user: 'trader',
      secure: true,
    });
    expect(mail?.data).toContain('Message-ID: <haltwatch-1234@haltwatch>');
    expect(mail?.data).toContain('X-Haltwatch-Priority: EMERGENCY');
    expect(mail?.data).toContain('Nothing but cancels.');
    expect(subjectOf(mail?.data ?? '')).toBe('[EMERGENCY] Haltwatch: ✕ SHUTDOWN');
  });

  it('TLS from the first byte (port 465 style) with a CA-signed certificate', async () => {
    const server = await smtp({ secure: true, key: certs.key, cert: certs.valid });
    await email({ port: server.port, security: 'tls', caFile: certs.caFile }).send(notice, 'k-2');
    expect(server.received[0]?.secure).toBe(true);
  });

  it('refuses a certificate nobody trusts, and sends nothing', async () => {
    const server = await smtp({ key: certs.selfSignedKey, cert: certs.selfSigned });
    await expect(email({ port: server.port, security: 'starttls' }).send(notice, 'k')).rejects.toThrow(
      /self-signed certificate/,
    );
    expect(server.received).toHaveLength(0);
  });

  it('never sends in the clear when the server offers no STARTTLS', async () => {
    const server = await smtp({ disabledCommands: ['STARTTLS'], authOptional: true });
    // requireTLS: nodemailer asks for STARTTLS anyway and stops at the refusal.
    await expect(email({ port: server.port, security: 'starttls' }).send(notice, 'k')).rejects.toThrow(
      /^SMTP 500 /,
    );
    expect(server.received).toHaveLength(0);
  });

  it('a refused login carries the server’s answer', async () => {
    const server = await smtp({ key: certs.selfSignedKey, cert: certs.selfSigned });
    const wrong = buildChannel(
      channelSchema.parse({
        kind: 'email',
        name: 'mail',
        host: '127.0.0.1',
        port: server.port,
        user: 'trader',
        password: { secret: 'SMTP_PASSWORD' },
        caFile: selfSignedFile,
        from: 'haltwatch@example.com',
        to: ['me@example.com'],
      }),
      { secrets: staticSecrets({ SMTP_PASSWORD: 'wrong' }), clock: new ManualClock(), timeoutMs: 5_000 },
    );
    await expect(wrong.send(notice, 'k')).rejects.toThrow(/^SMTP 535 .*Invalid username or password/);
  });
});
