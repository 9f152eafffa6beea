import type { FastifyReply } from 'fastify';
import type { ContractError } from '../../../../shared/contract.ts';
import type { FieldIssue } from '../../../../shared/validation.ts';
import { FORBIDDEN_JSON_KEY } from '../json-body.ts';

/** Every error body of the local server: `{ ok: false, error: { code, message, issues? } }`. */
export type ApiErrorCode =
  | ContractError['code']
  | 'unauthorized'
  | 'misdirected_request'
  | 'not_found'
  | 'method_not_allowed'
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'body_too_large'
  | 'bad_request';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export const BODY_LIMIT = 64 * 1024;

export const STATUS_FOR_CONTRACT_ERROR: Record<ContractError['code'], number> = {
  unknown_method: 404,
  invalid_input: 400,
  forbidden: 403,
  failed: 409,
  internal: 500,
  unavailable: 503,
};

export function sendError(reply: FastifyReply, status: number, error: ApiError): FastifyReply {
  return reply.code(status).send({ ok: false, error });
}

/** What fastify itself rejects before a route runs, named for the caller. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: ApiErrorCode; message?: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'send the body as application/json',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'body_too_large',
    message: `the body is larger than ${BODY_LIMIT} bytes`,
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad_request',
    message: 'content-length does not match the body',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
  [FORBIDDEN_JSON_KEY]: {
    status: 400,
    code: 'invalid_json',
    message: 'the body has a "__proto__" or "constructor.prototype" key, which is refused',
  },
};

/** Maps an error thrown inside fastify (parsing, limits) to a status and an ApiError; 500 only for bugs. */
export function frameworkError(error: { code?: string; statusCode?: number; message: string }): {
  status: number;
  error: ApiError;
} {
  const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
  if (known)
    return { status: known.status, error: { code: known.code, message: known.message ?? error.message } };
  if (error instanceof SyntaxError) {
    return {
      status: 400,
      error: { code: 'invalid_json', message: `the body is not valid JSON: ${error.message}` },
    };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, error: { code: 'bad_request', message: error.message } };
  }
  return { status: 500, error: { code: 'internal', message: 'internal error; see the Haltwatch log' } };
}
