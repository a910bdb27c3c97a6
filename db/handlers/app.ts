import {
  type LocalMethod,
  type MethodInput,
  type MethodOutput,
  contract,
} from '../../shared/api/contract.ts';
import { type SyncCall, seedDemo } from '../seed/demo.ts';
import { APP_VERSION } from '../version.ts';
import type { HandlerContext, Handlers } from './context.ts';
import { handlers } from './index.ts';

export const appHandlers = {
  'app.info': (_input, ctx) => ({
    version: APP_VERSION,
    schemaVersion: ctx.schemaVersion,
    dataDir: ctx.dataDir,
  }),
  'app.loadDemo': (input, ctx) => ({
    counts: seedDemo(callWithin(ctx), {
      now: ctx.now(),
      ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    }),
  }),
} satisfies Pick<Handlers, 'app.info' | 'app.loadDemo'>;

/**
 * Calls other API methods inside the current call's transaction, with their input validated as the
 * dispatcher would: a method made of other methods is still one all-or-nothing transaction.
 */
function callWithin(ctx: HandlerContext): SyncCall {
  return <M extends LocalMethod>(method: M, input: MethodInput<M>): MethodOutput<M> => {
    const handler = handlers[method] as (input: unknown, ctx: HandlerContext) => MethodOutput<M>;
    return handler(contract[method].input.parse(input), ctx);
  };
}
