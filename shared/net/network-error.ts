import type { HostError } from '../host';

/**
 * Turns whatever a fetch implementation threw into a sentence. Node's fetch (undici) throws
 * `TypeError('fetch failed')` with the system error as `cause` (ECONNREFUSED, ENOTFOUND...); Electron's
 * net.fetch throws Chromium's `net::ERR_*` names. Raw messages and stacks never reach the user.
 */
export function networkError(thrown: unknown, during: 'connect' | 'body' = 'connect'): HostError {
  const code = errorCode(thrown);
  const described = code === undefined ? undefined : describeCode(code);
  const prefix = during === 'body' ? 'The connection broke during the download' : 'Could not reach the server';
  return { kind: 'network', message: described ? `${prefix}: ${described}.` : `${prefix}.` };
}

const codeMessages: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was reset',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
  UND_ERR_CLOSED: 'the connection was closed unexpectedly',
  ENOTFOUND: 'the host name could not be found',
  EAI_AGAIN: 'the host name could not be looked up (is the network down?)',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is down',
  CERT_HAS_EXPIRED: 'its security certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its security certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its security certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its security certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its security certificate is for a different host',
  'ERR_NAME_NOT_RESOLVED': 'the host name could not be found',
  'ERR_CONNECTION_REFUSED': 'the connection was refused',
  'ERR_CONNECTION_RESET': 'the connection was reset',
  'ERR_CONNECTION_CLOSED': 'the connection was closed unexpectedly',
  'ERR_EMPTY_RESPONSE': 'the server sent an empty response',
  'ERR_INTERNET_DISCONNECTED': 'the computer is offline',
  'ERR_ADDRESS_UNREACHABLE': 'the host is unreachable',
  'ERR_CONNECTION_TIMED_OUT': 'the connection timed out',
  'ERR_TIMED_OUT': 'the connection timed out',
  'ERR_SSL_PROTOCOL_ERROR': 'the secure connection failed',
  'ERR_CONTENT_DECODING_FAILED': 'the compressed response could not be decoded',
};

function describeCode(code: string): string | undefined {
  if (code in codeMessages) return codeMessages[code];
  if (code.startsWith('ERR_CERT_')) return 'its security certificate is not valid';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return 'the secure connection failed';
  return undefined;
}

/** Digs a system/Chromium error code out of an error and its `cause` chain. */
function errorCode(thrown: unknown): string | undefined {
  let current: unknown = thrown;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const record = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof record.code === 'string' && record.code.length > 0) return record.code;
    if (typeof record.message === 'string') {
      const chromium = /net::(ERR_[A-Z_]+)/.exec(record.message);
      if (chromium?.[1]) return chromium[1];
      const system = /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+)\b/.exec(record.message);
      if (system?.[1] && system[1] in codeMessages) return system[1];
    }
    // AggregateError (happy eyeballs tried several addresses): the first one speaks for all.
    if (Array.isArray(record.errors) && record.errors.length > 0 && record.cause === undefined) {
      current = record.errors[0];
      continue;
    }
    current = record.cause;
  }
  return undefined;
}
