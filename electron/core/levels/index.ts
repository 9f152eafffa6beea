export { LevelEngine, LevelActionError } from './level-engine.ts';
export type { LevelEngineOptions } from './level-engine.ts';
export type { LevelEngineSerialized } from './level-engine-serialized.ts';
export { levelEngineSerializedSchema } from './level-engine-serialized.ts';
export { signalSchema, breakerSignalSchema, BOT_SERVICE } from './signals.ts';
export type { Signal, TimedSignal } from './signals.ts';
export { replayThresholds } from './replay.ts';
export type { ReplayResult } from './replay.ts';
export { decideGate } from './gate.ts';
