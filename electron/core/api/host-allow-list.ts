import net from 'node:net';
import os from 'node:os';
import { isLoopbackHost } from '../../../shared/loopback.ts';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
/** Host headers already judged allowed: the gate is asked before every order, so a Set lookup. */
const MAX_REMEMBERED = 64;

/** The name in a Host header, without its port; IPv6 without brackets; lower case. */
function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end < 0 ? value : value.slice(1, end);
  }
  const colon = value.lastIndexOf(':');
  return colon < 0 ? value : value.slice(0, colon);
}

/** The machine's own names and addresses: a bot elsewhere reaches a wildcard listener through them. */
function ownNames(): string[] {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .map((entry) => entry?.address.toLowerCase().split('%')[0] ?? '');
  return [os.hostname().toLowerCase(), ...addresses].filter((name) => name !== '');
}

/**
 * Which Host headers the local server answers: loopback names and the configured host (with a
 * wildcard host, the machine's own names and addresses). Anything else is a page on another site
 * that had its name resolve to this machine (DNS rebinding): it gets 421, never /metrics or the gate.
 */
export function hostAllowList(configuredHost: string): (header: string | undefined) => boolean {
  const configured = hostName(net.isIPv6(configuredHost) ? `[${configuredHost}]` : configuredHost);
  const names = new Set<string>(LOOPBACK_NAMES);
  if (WILDCARD_HOSTS.has(configuredHost)) for (const name of ownNames()) names.add(name);
  else names.add(configured);
  const allowed = new Set<string>();
  return (header) => {
    if (header === undefined) return false;
    if (allowed.has(header)) return true;
    const name = hostName(header);
    if (!names.has(name) && !isLoopbackHost(name)) return false;
    if (allowed.size >= MAX_REMEMBERED) allowed.clear();
    allowed.add(header);
    return true;
  };
}
