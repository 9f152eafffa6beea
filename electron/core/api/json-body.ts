import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';

/** The error code of a JSON body refused for a key that could poison prototypes. */
export const FORBIDDEN_JSON_KEY = 'HW_FORBIDDEN_JSON_KEY';

/**
 * JSON bodies as the bot API takes them: an empty one is no body (many HTTP libraries send the
 * content-type on every POST, the bodiless heartbeat and check included); a syntax error keeps its
 * position for the caller; a "__proto__" or "constructor.prototype" key is refused by name.
 */
export function parseJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, secureJson.parse(body as string, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      done(isForbiddenKey(error) ? forbiddenKeyError() : (error as Error), undefined);
    }
  });
}

function isForbiddenKey(error: unknown): boolean {
  return error instanceof SyntaxError && /forbidden (prototype|constructor) property/.test(error.message);
}

function forbiddenKeyError(): Error {
  return Object.assign(new Error('forbidden key'), { code: FORBIDDEN_JSON_KEY, statusCode: 400 });
}
