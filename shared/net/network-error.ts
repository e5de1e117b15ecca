import type { HostError } from '../host';
import { coded } from '../i18n/errors';
import type { ErrorCode } from '../i18n/errors';
import type en from '../i18n/locales/en.json';

/**
 * Turns whatever a fetch implementation threw into a sentence. Node's fetch (undici) throws
 * `TypeError('fetch failed')` with the system error as `cause` (ECONNREFUSED, ENOTFOUND...); Electron's
 * net.fetch throws Chromium's `net::ERR_*` names. Raw messages and stacks never reach the user.
 */
export function networkError(thrown: unknown, during: 'connect' | 'body' = 'connect'): HostError {
  const code = errorCode(thrown);
  const reason = code === undefined ? undefined : reasonOf(code);
  const prefix = during === 'body' ? 'The connection broke during the download' : 'Could not reach the server';
  if (!reason) return { kind: 'network', ...coded(during === 'body' ? 'errors.net.brokeDuringDownload' : 'errors.net.unreachable', `${prefix}.`) };
  return {
    kind: 'network',
    ...coded(during === 'body' ? 'errors.net.brokeDuringDownloadBecause' : 'errors.net.unreachableBecause', `${prefix}: ${reason.text}.`, { reason: { code: reason.code } }),
  };
}

/** Why a connection failed: its message in the catalogue and in English. */
interface Reason {
  code: ErrorCode;
  text: string;
}

function reason(key: keyof (typeof en)['errors']['net']['reasons'], text: string): Reason {
  return { code: `errors.net.reasons.${key}`, text };
}

const codeMessages: Record<string, Reason> = {
  ECONNREFUSED: reason('refused', 'the connection was refused'),
  ECONNRESET: reason('reset', 'the connection was reset'),
  EPIPE: reason('reset', 'the connection was reset'),
  UND_ERR_SOCKET: reason('closed', 'the connection was closed unexpectedly'),
  UND_ERR_CLOSED: reason('closed', 'the connection was closed unexpectedly'),
  ENOTFOUND: reason('hostNotFound', 'the host name could not be found'),
  EAI_AGAIN: reason('lookupFailed', 'the host name could not be looked up (is the network down?)'),
  ETIMEDOUT: reason('timedOut', 'the connection timed out'),
  UND_ERR_CONNECT_TIMEOUT: reason('timedOut', 'the connection timed out'),
  EHOSTUNREACH: reason('hostUnreachable', 'the host is unreachable'),
  ENETUNREACH: reason('networkUnreachable', 'the network is unreachable'),
  ENETDOWN: reason('networkDown', 'the network is down'),
  CERT_HAS_EXPIRED: reason('certExpired', 'its security certificate has expired'),
  DEPTH_ZERO_SELF_SIGNED_CERT: reason('certSelfSigned', 'its security certificate is self-signed'),
  SELF_SIGNED_CERT_IN_CHAIN: reason('certUntrusted', 'its security certificate is not trusted'),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: reason('certUnverified', 'its security certificate could not be verified'),
  ERR_TLS_CERT_ALTNAME_INVALID: reason('certWrongHost', 'its security certificate is for a different host'),
  'ERR_NAME_NOT_RESOLVED': reason('hostNotFound', 'the host name could not be found'),
  'ERR_CONNECTION_REFUSED': reason('refused', 'the connection was refused'),
  'ERR_CONNECTION_RESET': reason('reset', 'the connection was reset'),
  'ERR_CONNECTION_CLOSED': reason('closed', 'the connection was closed unexpectedly'),
  'ERR_EMPTY_RESPONSE': reason('emptyResponse', 'the server sent an empty response'),
  'ERR_INTERNET_DISCONNECTED': reason('computerOffline', 'the computer is offline'),
  'ERR_ADDRESS_UNREACHABLE': reason('hostUnreachable', 'the host is unreachable'),
  'ERR_CONNECTION_TIMED_OUT': reason('timedOut', 'the connection timed out'),
  'ERR_TIMED_OUT': reason('timedOut', 'the connection timed out'),
  'ERR_SSL_PROTOCOL_ERROR': reason('secureFailed', 'the secure connection failed'),
  'ERR_CONTENT_DECODING_FAILED': reason('decodingFailed', 'the compressed response could not be decoded'),
};

function reasonOf(code: string): Reason | undefined {
  if (code in codeMessages) return codeMessages[code];
  if (code.startsWith('ERR_CERT_')) return reason('certInvalid', 'its security certificate is not valid');
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return reason('secureFailed', 'the secure connection failed');
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
