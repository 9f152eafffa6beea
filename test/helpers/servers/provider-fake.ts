import type http from 'node:http';
import { listenLocalHttp } from './local-http.ts';

export interface RecordedRequest {
  method: string;
  /** Path and query, as the server saw them. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the fake answers: a status and a body (JSON when not a string), or no answer at all. */
export type FakeAnswer = { status: number; body: unknown } | 'hang';

export interface ProviderFake {
  origin: string;
  requests: RecordedRequest[];
  /** Answers for the next requests, in order; once used up, `fallback` answers. */
  answers: FakeAnswer[];
  fallback: FakeAnswer;
  /** Decides the answer by request when set (before `answers`); undefined falls through. */
  route: ((request: RecordedRequest) => FakeAnswer | undefined) | null;
  /** Resolves when the fake has received `count` requests in all. */
  received(count: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A local stand-in for a notification provider (Telegram, Twilio, ntfy, Pushover, Discord, Slack,
 * a webhook): a real HTTP server on 127.0.0.1 that records each request whole and answers as told.
 */
export async function startProviderFake(
  fallback: FakeAnswer = { status: 200, body: { ok: true } },
): Promise<ProviderFake> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const fake: Omit<ProviderFake, 'origin'> & { origin: string } = {
    origin: '',
    requests: [],
    answers: [],
    fallback,
    route: null,
    received: (count) =>
      fake.requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    stop: () => local.stop(),
  };
  const local = await listenLocalHttp((request, response, body) => {
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body,
    };
    fake.requests.push(recorded);
    for (const waiter of waiters.filter((w) => fake.requests.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    const answer = fake.route?.(recorded) ?? fake.answers.shift() ?? fake.fallback;
    if (answer === 'hang') return;
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    response.writeHead(answer.status, {
      'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json',
    });
    response.end(text);
  });
  fake.origin = local.origin;
  return fake;
}
