import { z } from 'zod';
import { maintenanceSchema } from './maintenance.ts';
import {
  BREAKER_PROFILE_NAMES,
  BREAKER_PROFILES,
  breakerConfigSchema,
  type BreakerConfigInput,
} from './breaker.ts';
import { CRITICALITIES } from './levels.ts';
import { nameSchema } from './names.ts';
import { serviceWatchFields } from './service-watch.ts';
import { issuePath, plainErrors, plainIssueMessage, shown } from './validation.ts';

/**
 * The services file: what Haltwatch watches. Each kind of probe adds its own object to
 * `serviceSchema`; the fields every kind shares live in `serviceBase`.
 *
 * Credentials never appear in this file: a field that needs one holds `{ "secret": "NAME" }`,
 * resolved at probe time from the secret store (the file may be exported and shared).
 */
export const serviceName = nameSchema;

function intBetween(min: number, max: number, unit = '') {
  const range = `must be a whole number ${min}–${max}${unit}`;
  return z
    .number({ error: (iss) => `${range}, got ${shown(iss.input)}` })
    .int({ error: (iss) => `${range}, got ${shown(iss.input)}` })
    .min(min, { error: (iss) => `${range}, got ${shown(iss.input)}` })
    .max(max, { error: (iss) => `${range}, got ${shown(iss.input)}` });
}

function withoutPassword() {
  return (text: string) => {
    try {
      return new URL(text).password === '';
    } catch {
      return true; // the format check reports it
    }
  };
}

/** Query parameter names that carry a credential (`?apikey=…`, `&token=…`). */
const CREDENTIAL_PARAM =
  /^(api[_-]?key|apikey|key|token|access[_-]?token|auth|authorization|password|passwd|pwd|secret|client[_-]?secret|signature|sig)$/i;

/** The credential-looking parameters of a URL's query string, if any. */
function credentialParams(text: string): string[] {
  try {
    return [...new URL(text).searchParams.keys()].filter((name) => CREDENTIAL_PARAM.test(name));
  } catch {
    return []; // the format check reports it
  }
}

/**
 * An http(s) URL without a credential in it: a password or an `apikey=` would end up in exports,
 * reasons and logs. Credentials go in headers or `query` as {"secret": "NAME"}.
 */
const httpUrl = () =>
  z
    .url({
      protocol: /^https?$/,
      error: (iss) => `must be an http:// or https:// URL, got ${shown(iss.input)}`,
    })
    .refine(withoutPassword(), 'must not contain a password: send it as a header {"secret": "NAME"}')
    .refine((text) => credentialParams(text).length === 0, {
      error: (iss) =>
        `must not carry a credential in its query string (${credentialParams(String(iss.input)).join(', ')}): use "query" with {"secret": "NAME"}`,
    });

/** A breaker profile and any settings that override it; checked whole against the breaker schema. */
export const serviceBreakerSchema = z
  .object({ profile: z.enum(BREAKER_PROFILE_NAMES).optional() })
  .catchall(z.unknown());

export const serviceBase = {
  name: serviceName,
  timeoutMs: intBetween(50, 120_000, ' ms').default(5000),
  criticality: z.enum(CRITICALITIES).default('important'),
  enabled: z.boolean().default(true),
  /** A healthy result slower than this is reported as slow. Unset: never slow. */
  slowMs: intBetween(1, 120_000, ' ms').optional(),
  /** Breaker settings: a profile from shared/breaker.ts (default by kind) and overrides of its fields. */
  breaker: serviceBreakerSchema.optional(),
  /** While in one of these windows the service is probed and recorded but moves no level. */
  maintenance: maintenanceSchema.optional(),
  ...serviceWatchFields,
};

export const secretName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    'a secret name is letters, digits and "_" (at most 64), starting with a letter or "_"',
  );
export const secretRefSchema = z.object({ secret: secretName }).strict();
export type SecretRef = z.infer<typeof secretRefSchema>;

const textOrSecret = z.union([z.string().max(4096, 'at most 4096 characters'), secretRefSchema], {
  error: 'must be a string or {"secret": "NAME"}',
});
export type TextOrSecret = z.infer<typeof textOrSecret>;

/** Header names whose values are credentials: a literal there would end up in exports. */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'cookie',
]);

const headersSchema = z
  .record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name'), textOrSecret)
  .superRefine((headers, ctx) => {
    for (const [header, value] of Object.entries(headers)) {
      if (typeof value === 'string' && CREDENTIAL_HEADERS.has(header.toLowerCase()))
        ctx.addIssue({
          code: 'custom',
          path: [header],
          message: 'credentials must be a secret reference {"secret": "NAME"}, not a literal value',
        });
    }
  });

/** "200", "200-299": inclusive ranges of acceptable HTTP status codes. */
export const statusRange = z.string().refine(
  (text) => {
    const m = /^(\d{3})(?:-(\d{3}))?$/.exec(text);
    if (!m) return false;
    const lo = Number(m[1]);
    const hi = Number(m[2] ?? m[1]);
    return lo >= 100 && hi <= 599 && lo <= hi;
  },
  {
    error: (iss) =>
      `must be a status like "200" or a range like "200-299" within 100–599, got ${shown(iss.input)}`,
  },
);

/** `$.a.b[0].c` — the subset of JSONPath a health check needs: keys and indexes, no wildcards. */
export const jsonPathSchema = z
  .string()
  .regex(
    /^\$(?:\.[A-Za-z_$][\w$-]*|\[\d+\]|\["[^"]+"\])*$/,
    'must look like $.status or $.checks[0].state (keys and indexes only)',
  );

const hostSchema = z
  .string()
  .trim()
  .min(1, 'a host is required')
  .max(253)
  .refine((h) => z.regexes.hostname.test(h) || z.regexes.ipv4.test(h) || z.regexes.ipv6.test(h), {
    error: (iss) => `must be a host name or IP address, got ${shown(iss.input)}`,
  });

const port = intBetween(1, 65_535);

export const httpServiceSchema = z
  .object({
    ...serviceBase,
    kind: z.literal('http'),
    url: httpUrl(),
    method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
    headers: headersSchema.default({}),
    /** Query parameters added to the URL; a secret here (an `apikey=` style API) stays out of reasons. */
    query: z
      .record(z.string().min(1), textOrSecret)
      .superRefine((query, ctx) => {
        for (const [name, value] of Object.entries(query)) {
          if (typeof value === 'string' && CREDENTIAL_PARAM.test(name))
            ctx.addIssue({
              code: 'custom',
              path: [name],
              message: 'a credential must be a secret reference {"secret": "NAME"}, not a literal value',
            });
        }
      })
      .default({}),
    body: z.string().max(65_536, 'at most 65536 characters').optional(),
    expectStatus: z.array(statusRange).min(1, 'at least one status range').default(['200-299']),
    bodyContains: z.string().min(1).max(1024).optional(),
    jsonPath: jsonPathSchema.optional(),
    /** What `jsonPath` must equal; without it the path only has to exist. */
    jsonEquals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    /** A PEM file with extra certificate authorities to trust (internal services). */
    caFile: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.body !== undefined && s.method !== 'POST')
      ctx.addIssue({ code: 'custom', path: ['body'], message: `a body needs method POST, got ${s.method}` });
    if (s.jsonEquals !== undefined && s.jsonPath === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['jsonEquals'],
        message: 'needs jsonPath to say what to compare',
      });
    if (s.method === 'HEAD' && (s.bodyContains !== undefined || s.jsonPath !== undefined))
      ctx.addIssue({ code: 'custom', path: ['method'], message: 'a HEAD response has no body to check' });
  });

export const tcpServiceSchema = z
  .object({ ...serviceBase, kind: z.literal('tcp'), host: hostSchema, port })
  .strict();

export const marketDataServiceSchema = z
  .object({
    ...serviceBase,
    kind: z.literal('market_data'),
    symbol: z
      .string()
      .regex(/^[A-Za-z0-9.^=-]{1,20}$/, 'a ticker like SPY, ^GSPC or BRK-B')
      .default('SPY'),
    /** During a session, a last trade older than this is a failure. */
    staleMinutes: intBetween(1, 1440, ' minutes').default(15),
    /** Calendar the session check uses (ISO 10383 MIC). */
    exchange: z
      .string()
      .regex(/^[A-Z]{4}$/, 'an exchange code like XNYS')
      .default('XNYS'),
    /** Where yahoo-finance2 sends its requests instead of Yahoo (a local fake in tests, a proxy). */
    baseUrl: httpUrl().optional(),
  })
  .strict();

export const postgresServiceSchema = z
  .object({
    ...serviceBase,
    kind: z.literal('postgres'),
    /** postgres://user@host:port/db — without a password; use `password`. */
    connectionString: z
      .string()
      .regex(/^postgres(?:ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
      .refine(withoutPassword(), 'must not contain a password: use "password": {"secret": "NAME"}')
      .optional(),
    host: hostSchema.optional(),
    port: port.optional(),
    user: z.string().min(1).max(128).optional(),
    database: z.string().min(1).max(128).optional(),
    password: secretRefSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.connectionString === undefined) return;
    for (const field of ['host', 'port', 'user', 'database'] as const)
      if (s[field] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'give either connectionString or host/port/user/database, not both',
        });
  });

export const redisServiceSchema = z
  .object({
    ...serviceBase,
    kind: z.literal('redis'),
    url: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
      .refine(withoutPassword(), 'must not contain a password: use "password": {"secret": "NAME"}')
      .default('redis://127.0.0.1:6379'),
    username: z.string().min(1).max(128).optional(),
    password: secretRefSchema.optional(),
    /** Written, read back and deleted by every probe. */
    probeKey: z.string().min(1).max(256).default('haltwatch:probe'),
  })
  .strict();

export const commandServiceSchema = z
  .object({
    ...serviceBase,
    kind: z.literal('command'),
    command: z.string().trim().min(1, 'a command is required').max(4096),
    args: z.array(z.string().max(4096)).max(64).default([]),
    cwd: z.string().min(1).optional(),
    /** Added to the environment; secrets are passed this way rather than on the command line. */
    env: z
      .record(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'not a valid environment variable name'),
        textOrSecret,
      )
      .default({}),
    /** How much of stdout+stderr is kept in the result. */
    outputLimitBytes: intBetween(64, 65_536, ' bytes').default(2048),
  })
  .strict();

export const heartbeatServiceSchema = z
  .object({
    ...serviceBase,
    kind: z.literal('heartbeat'),
    /** The probe fails when the last heartbeat is older than this. */
    graceSeconds: intBetween(1, 86_400, ' s').default(60),
  })
  .strict();

export const LLM_PROVIDERS = ['openai', 'anthropic'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];
export const LLM_DEFAULT_BASE_URL: Record<LlmProvider, string> = {
  openai: 'https://api.openai.com',
  anthropic: 'https://api.anthropic.com',
};

/** A preset: lists the provider's models (free) with its key, in the provider's auth style. */
export const llmServiceSchema = z
  .object({
    ...serviceBase,
    kind: z.literal('llm'),
    provider: z.enum(LLM_PROVIDERS, {
      error: (iss) => `must be one of ${LLM_PROVIDERS.join(', ')}, got ${shown(iss.input)}`,
    }),
    baseUrl: httpUrl().optional(),
    apiKey: secretRefSchema,
  })
  .strict();

export const serviceSchemas = [
  httpServiceSchema,
  tcpServiceSchema,
  marketDataServiceSchema,
  postgresServiceSchema,
  redisServiceSchema,
  commandServiceSchema,
  heartbeatServiceSchema,
  llmServiceSchema,
] as const;

export const SERVICE_KINDS = serviceSchemas.map((s) => s.shape.kind.value);

export const serviceSchema = z
  .discriminatedUnion('kind', serviceSchemas, {
    error: (iss) =>
      iss.code === 'invalid_union' && 'discriminator' in iss
        ? `must be one of ${SERVICE_KINDS.join(', ')}, got ${shown((iss.input as { kind?: unknown } | undefined)?.kind)}`
        : undefined,
  })
  .superRefine((service, ctx) => {
    const parsed = breakerConfigSchema.safeParse(breakerConfigFor(service));
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', path: ['breaker', ...issue.path], message: issue.message });
    }
  });
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type ServiceInput = z.input<typeof serviceSchema>;
export type ServiceKind = ServiceConfig['kind'];
export type ServiceOfKind<K extends ServiceKind> = Extract<ServiceConfig, { kind: K }>;

export const servicesFileSchema = z
  .object({ services: z.array(serviceSchema) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.services.forEach((s, i) => {
      const key = s.name.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['services', i, 'name'],
          message: `duplicate service name "${s.name}"`,
        });
      seen.add(key);
    });
  });
export type ServicesFile = z.infer<typeof servicesFileSchema>;

export interface ServiceFieldError {
  /** `port`, `headers.Authorization`, `args[0]` */
  path: string;
  message: string;
}

/** For the service editor: the parsed service, or one message in plain words per field that is wrong. */
export function validateService(
  input: unknown,
): { ok: true; service: ServiceConfig } | { ok: false; errors: ServiceFieldError[] } {
  const parsed = serviceSchema.safeParse(input, { error: plainErrors, reportInput: true });
  if (parsed.success) return { ok: true, service: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      path: issuePath(issue.path),
      message: plainIssueMessage(issue),
    })),
  };
}

/** The breaker profile a kind of service gets unless its config names one. */
const PROFILE_FOR_KIND: Partial<Record<string, (typeof BREAKER_PROFILE_NAMES)[number]>> = {
  market_data: 'market_data',
  postgres: 'postgres',
  redis: 'redis',
};

/** The breaker settings of a service: its profile (by kind unless named) with its overrides on top. */
export function breakerConfigFor(service: {
  kind: string;
  breaker?: z.output<typeof serviceBreakerSchema>;
}): BreakerConfigInput {
  const { profile, ...overrides } = service.breaker ?? {};
  return {
    ...BREAKER_PROFILES[profile ?? PROFILE_FOR_KIND[service.kind] ?? 'custom'],
    ...overrides,
  } as BreakerConfigInput;
}
