import type { HaltwatchBridge } from '../../shared/bridge.ts';
import type {
  CallOutcome,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodResult,
} from '../../shared/contract.ts';

declare global {
  interface Window {
    haltwatch?: HaltwatchBridge;
  }
}

export class CallError extends Error {
  override readonly name = 'CallError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface Transport {
  kind: 'ipc' | 'http';
  call<M extends MethodName>(name: M, input?: MethodInput<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** HTTP only: the operator token was rotated; later calls and the event stream use the new one. */
  useToken?(token: string): void;
}

function unwrap<R>(outcome: CallOutcome): R {
  if (outcome.ok) return outcome.result as R;
  throw new CallError(outcome.error.code, outcome.error.message);
}

/** In the desktop app the preload bridge; in a browser the headless server's HTTP + SSE. */
export function createTransport(): Transport {
  const bridge = window.haltwatch;
  if (bridge) {
    return {
      kind: 'ipc',
      call: async (name, input) => unwrap(await bridge.invoke(name, input ?? {})),
      on: (event, listener) => bridge.on(event, listener),
    };
  }
  return httpTransport(readToken());
}

/**
 * The operator token from the link `haltwatch serve` printed, kept for this tab only; the address
 * bar loses it at once, so it is not left in history, bookmarks or a screen share.
 */
function readToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('haltwatch.token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url);
  }
  return fromUrl ?? sessionStorage.getItem('haltwatch.token') ?? '';
}

function httpTransport(initialToken: string): Transport {
  let token = initialToken;
  let source: EventSource | null = null;
  const handlers = new Set<{ event: string; handler: (message: MessageEvent<string>) => void }>();
  const stream = () => {
    if (source) return source;
    const opened = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    for (const { event, handler } of handlers) opened.addEventListener(event, handler);
    source = opened;
    return opened;
  };
  return {
    kind: 'http',
    async call(name, input) {
      const response = await fetch(`/api/rpc/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      if (response.status === 401)
        throw new CallError(
          'unauthorized',
          'Not authorised: open the Dashboard link (with ?token=…, the operator token) printed by haltwatch serve',
        );
      return unwrap(await response.json());
    },
    on(event, listener) {
      const entry = { event, handler: (message: MessageEvent<string>) => listener(JSON.parse(message.data)) };
      handlers.add(entry);
      stream().addEventListener(event, entry.handler);
      return () => {
        handlers.delete(entry);
        source?.removeEventListener(event, entry.handler);
      };
    },
    useToken(next) {
      token = next;
      sessionStorage.setItem('haltwatch.token', next);
      source?.close();
      source = null;
      if (handlers.size) stream();
    },
  };
}
