/** Turns what Node, undici, pg and redis throw into a sentence a person can act on. */

const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate (not trusted)',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain (not trusted)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate issuer is unknown (incomplete chain?)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate issuer is unknown (incomplete chain?)',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate issuer is unknown (incomplete chain?)',
  CERT_REVOKED: 'certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature is invalid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS on this port',
  EPROTO: 'TLS handshake failed',
};

export function tlsReason(code: string): string {
  return `TLS: ${TLS_REASONS[code] ?? code.toLowerCase().replace(/_/g, ' ')}`;
}

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed while sending',
  ECONNABORTED: 'connection aborted',
  EADDRNOTAVAIL: 'address not available',
};

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The innermost error worth describing: undici wraps in `cause`, happy eyeballs in AggregateError. */
function rootCause(err: unknown): ErrorLike {
  let current = err as ErrorLike;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if (typeof current.code === 'string' && current.code in SOCKET_REASONS) return current;
    if (Array.isArray(current.errors) && current.errors.length > 0) current = current.errors[0] as ErrorLike;
    else if (current.cause && typeof current.cause === 'object') current = current.cause as ErrorLike;
    else break;
  }
  return current ?? {};
}

export function describeError(err: unknown, target?: string): string {
  const at = target ? ` (${target})` : '';
  const root = rootCause(err);
  const code = typeof root.code === 'string' ? root.code : undefined;
  const message = typeof root.message === 'string' && root.message ? root.message : String(err);
  if (code === 'ECONNRESET' && /socket hang up/i.test(message))
    return `connection closed by the server before it answered${at}`;
  if (code && code in SOCKET_REASONS) return `${SOCKET_REASONS[code]}${at}`;
  if (code && code in TLS_REASONS) return `${tlsReason(code)}${at}`;
  if (code?.startsWith('HPE_')) return `invalid HTTP response${at}`;
  return `${message}${at}`;
}
