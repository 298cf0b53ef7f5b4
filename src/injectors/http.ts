import { z } from 'zod';
import { formatDuration } from '../common/duration.js';
import { describeAnswer, httpRequestSchema, sendExpecting, toHttpCall } from './action/http-call.js';
import { revertRequiredForDuration } from './action/revert-rule.js';
import { defineInjector, faultBase, type Fault } from './injector.js';

const schema = faultBase
  .extend({
    type: z.literal('http'),
    ...httpRequestSchema.shape,
    revert: httpRequestSchema.optional().meta({ description: 'The request that undoes this one.' }),
  })
  .superRefine(revertRequiredForDuration('http', 'request'));

type Config = z.output<typeof schema>;

/** `http`: a custom action as one HTTP request; it took effect when the answer has the expected status. */
export const httpInjector = defineInjector({
  schema,
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
