import type { MiddlewareStack } from '@smithy/types';

import type { AwsCall, AwsResponder } from './responder.js';

/** Key under which the SDK keeps per-call options, `abortSignal` among them (`SMITHY_CONTEXT_KEY` of `@smithy/types`). */
const SMITHY_CONTEXT_KEY = '__smithy_context';

type CallTarget = Omit<AwsCall, 'command' | 'input'>;

/** Rejects with an `AbortError`, as the SDK's HTTP handler does, once `signal` aborts. */
function untilAborted<T>(answer: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return answer;

  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError', cause: signal.reason }));
    if (signal.aborted) return abort();

    signal.addEventListener('abort', abort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function abortSignalOf(context: object): AbortSignal | undefined {
  const smithy = (context as Record<string, { abortSignal?: AbortSignal } | undefined>)[SMITHY_CONTEXT_KEY];
  return smithy?.abortSignal;
}

/**
 * Adds the middleware that returns every command's output from `responder`. Placed in the
 * `initialize` step it returns before serialization and retries, which is the fast path. Placed at the end
 * of `finalizeRequest` (`insideRetries`) the request is serialized and signed, and the SDK's
 * retry strategy retries the responder's errors exactly as it would retry a service's.
 * A call whose abort signal fires rejects with `AbortError`, even when the responder never returns.
 */
export function addResponderMiddleware(
  stack: MiddlewareStack<object, object>,
  responder: AwsResponder,
  target: CallTarget,
  insideRetries: boolean,
): void {
  const middleware = (_next: unknown, context: object) => async (args: object) => {
    const call: AwsCall = { ...target, command: String((context as { commandName?: string }).commandName), input: (args as { input: unknown }).input };
    const answer = new Promise<unknown>((resolve) => resolve(responder.respond(call)));

    const output = await untilAborted(answer, abortSignalOf(context));
    return { output: { $metadata: {}, ...(output as object) }, response: {} };
  };

  if (insideRetries) stack.add(middleware, { step: 'finalizeRequest', name: 'respondFromResponder', priority: 'low' });
  else stack.add(middleware, { step: 'initialize', name: 'respondFromResponder', priority: 'low' });
}
