import { z } from 'zod';
import type { Envelope } from '../../shared/api/envelope.ts';
import { type ErrorInfo, errorCodes } from '../../shared/api/errors.ts';
import { type BackendEvent, type EventName, eventSchemas } from '../../shared/api/events.ts';

/*
 * The messages between main and the backend utility process. Both sides check every message they
 * receive: a message that does not fit is logged and dropped, never trusted.
 */

/** Main → backend. */
export type MainMessage =
  /** `secretKey`: base64 of the key to seal secrets with (absent where the OS offers no encryption). */
  | { type: 'init'; dataDir: string; secretKey?: string | undefined }
  | { type: 'invoke'; id: number; method: string; input: unknown }
  /** Close the database cleanly; answered with `closed`. */
  | { type: 'close' };

/** Backend → main. */
export type BackendMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'event'; event: BackendEvent }
  /** The database could not be opened; the backend answers every call with this error. */
  | { type: 'fatal'; error: ErrorInfo }
  | { type: 'closed' };

const RequestId = z.number().int().nonnegative();

const MainMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), dataDir: z.string().min(1), secretKey: z.string().optional() }),
  z.object({ type: z.literal('invoke'), id: RequestId, method: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('close') }),
]);

const ErrorInfoSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

const EnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorInfoSchema }),
]);

const BackendMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('result'), id: RequestId, envelope: EnvelopeSchema }),
  z.object({ type: z.literal('event'), event: z.object({ event: z.string(), payload: z.unknown() }) }),
  z.object({ type: z.literal('fatal'), error: ErrorInfoSchema }),
  z.object({ type: z.literal('closed') }),
]);

/** The message, if `value` is a well-formed message from main. */
export function parseMainMessage(value: unknown): MainMessage | undefined {
  const parsed = MainMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The message, if `value` is a well-formed message from the backend (events checked against their schema). */
export function parseBackendMessage(value: unknown): BackendMessage | undefined {
  const parsed = BackendMessageSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  if (message.type !== 'event') return message;
  const event = parseBackendEvent(message.event.event, message.event.payload);
  return event === undefined ? undefined : { type: 'event', event };
}

function parseBackendEvent(name: string, payload: unknown): BackendEvent | undefined {
  if (!Object.hasOwn(eventSchemas, name)) return undefined;
  const parsed = eventSchemas[name as EventName].safeParse(payload);
  // The schema looked up by `name` produced the payload, so the pair is an event of that name.
  return parsed.success ? ({ event: name, payload: parsed.data } as BackendEvent) : undefined;
}
