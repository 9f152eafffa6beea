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

function readToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) sessionStorage.setItem('haltwatch.token', fromUrl);
  return fromUrl ?? sessionStorage.getItem('haltwatch.token') ?? '';
}

function httpTransport(token: string): Transport {
  let source: EventSource | null = null;
  const stream = () => (source ??= new EventSource(`/api/events?token=${encodeURIComponent(token)}`));
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
          'Not authorised: open the link with ?token=… printed by haltwatch serve',
        );
      return unwrap(await response.json());
    },
    on(event, listener) {
      const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data));
      stream().addEventListener(event, handler);
      return () => stream().removeEventListener(event, handler);
    },
  };
}
