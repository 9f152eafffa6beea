import fastJson from 'fast-json-stringify';
import { z } from 'zod';
import { gateAnswerSchema, type GateAnswer } from '../../../../shared/gate.ts';

/**
 * A gate answer as JSON text, by a serializer compiled from the schema bots check answers with.
 * The gate is asked before every order: this takes about half of JSON.stringify's time.
 */
export const gateAnswerJson: (answer: GateAnswer) => string = fastJson(
  z.toJSONSchema(gateAnswerSchema, { io: 'output' }) as Parameters<typeof fastJson>[0],
);
