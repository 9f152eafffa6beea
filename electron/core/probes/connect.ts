import net from 'node:net';
import tls from 'node:tls';
import { onAbort } from './deadline.ts';

/** `[::1]` in a URL is `::1` to a socket. */
export const socketHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

/** Resolves with a connected socket the caller must destroy; on abort the socket is destroyed. */
export function connectTcp(host: string, port: number, signal: AbortSignal): Promise<net.Socket> {
  return whenConnected(net.connect({ host, port }), 'connect', signal);
}

/** Settles once `socket` emits `event`; an error or an abort destroys it first. */
function whenConnected<S extends net.Socket>(
  socket: S,
  event: 'connect' | 'secureConnect',
  signal: AbortSignal,
): Promise<S> {
  return new Promise((resolve, reject) => {
    const fail = (err: unknown) => {
      stopAbort();
      socket.destroy();
      reject(err);
    };
    const stopAbort = onAbort(signal, () => fail(signal.reason));
    socket.once('error', fail);
    socket.once(event, () => {
      stopAbort();
      socket.removeListener('error', fail);
      resolve(socket);
    });
  });
}

export interface PeerCertificateFacts {
  validTo: number;
  daysLeft: number;
  subject: string;
}

export type TlsConnection =
  | { authorized: true; socket: tls.TLSSocket; cert: PeerCertificateFacts | undefined }
  | { authorized: false; code: string; cert: PeerCertificateFacts | undefined };

function certificateFacts(socket: tls.TLSSocket, now: number): PeerCertificateFacts | undefined {
  const cert = socket.getPeerCertificate();
  if (!cert || !cert.valid_to) return undefined;
  const validTo = Date.parse(cert.valid_to);
  if (!Number.isFinite(validTo)) return undefined;
  const subject = cert.subject?.CN ?? '';
  return { validTo, daysLeft: Math.floor((validTo - now) / 86_400_000), subject: String(subject) };
}

/**
 * Connects and verifies the certificate before a single request byte (and its credentials) is
 * sent. Verification is done here rather than by Node's `rejectUnauthorized` so an untrusted or
 * expired certificate is still read and its expiry reported.
 */
export async function connectTls(
  options: { host: string; port: number; ca?: string[] },
  signal: AbortSignal,
  now: number,
): Promise<TlsConnection> {
  const socket = tls.connect({
    host: options.host,
    port: options.port,
    servername: net.isIP(options.host) ? undefined : options.host,
    rejectUnauthorized: false,
    ca: options.ca,
    ALPNProtocols: ['http/1.1'],
  });
  const secured = await whenConnected(socket, 'secureConnect', signal);
  const cert = certificateFacts(secured, now);
  if (secured.authorized) return { authorized: true, socket: secured, cert };
  secured.destroy();
  const code = secured.authorizationError;
  return { authorized: false, code: typeof code === 'string' ? code : String(code?.message), cert };
}
