import { z } from 'zod';
import { formatDuration } from '../common/duration.js';
import { describeAnswer, sendExpecting, toHttpCall } from './action/http-call.js';
import { defineInjector, type Fault } from './injector.js';
import { httpSchema } from './http-schema.js';

type Config = z.output<typeof httpSchema>;

/** `http`: a custom action as one HTTP request; it took effect when the answer has the expected status. */
export const httpInjector = defineInjector({
  schema: httpSchema,
  describe: (config) => {
    const call = toHttpCall(config);
    const revert = config.revert && toHttpCall(config.revert);
    return (
      `${call.method} ${call.url} (expect ${call.status.join(' or ')})` +
      (revert
        ? `; revert with ${revert.method} ${revert.url}${config.duration === undefined ? '' : ` after ${formatDuration(config.duration)}`}`
        : '')
    );
  },
  create: (config) => httpFault(config),
});

function httpFault(config: Config): Fault {
  return {
    async prepare() {
      if (!config.revert) return [];
      const request = toHttpCall(config.revert);
      return [{ action: 'http.request', request, description: `${request.method} ${request.url}` }];
    },
    async inject(context) {
      const call = toHttpCall(config);
      const answer = await sendExpecting(call, context.signal);
      return { summary: describeAnswer(call, answer), details: { status: answer.status, body: answer.body } };
    },
  };
}
