import { z } from 'zod';
import { formatDuration, timeoutDuration } from '../../common/duration.js';
import { FaultNoEffectError, errorMessage } from '../../common/errors.js';
import { templatedUrl } from '../../probes/probe-fields.js';

const statusCode = z.number().int().min(100).max(599);
const statusClass = z
  .string()
  .regex(/^[1-5]xx$/, { error: 'expected a status code such as 200 or a class such as 2xx' });
const statusSpec = z.union([statusCode, statusClass]);
export type StatusSpec = z.output<typeof statusSpec>;

/** One HTTP request of a scenario (an `http` fault, its revert, a drift change). */
export const httpRequestSchema = z.strictObject({
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).optional().meta({
    description: 'Default: POST when there is a body, else GET.',
  }),
  url: templatedUrl.meta({ description: 'http:// or https:// URL; may use ${nodes.<n>.host} and ports.' }),
  headers: z.record(z.string(), z.string()).optional(),
  body: z
    .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])
    .optional()
    .meta({ description: 'Request body: a string as is, or a mapping/list sent as JSON.' }),
  status: z
    .union([statusSpec, z.array(statusSpec).min(1)])
    .default('2xx')
    .meta({ description: 'Expected status: a code, a class such as 2xx, or a list (default 2xx).' }),
  timeout: timeoutDuration
    .default(10_000)
    .meta({ description: 'Give up after this long (default 10s; 1ms to 24h).' }),
});
export type HttpRequestConfig = z.output<typeof httpRequestSchema>;

/** A request as plain data: it goes into undo steps and the state file. */
export interface HttpCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  status: StatusSpec[];
  timeoutMs: number;
}

export function toHttpCall(config: HttpRequestConfig): HttpCall {
  const json = config.body !== undefined && typeof config.body !== 'string';
  const headers = { ...(json ? { 'content-type': 'application/json' } : {}), ...config.headers };
  return {
    method: config.method ?? (config.body === undefined ? 'GET' : 'POST'),
    url: config.url,
    headers,
    ...(config.body !== undefined && { body: json ? JSON.stringify(config.body) : (config.body as string) }),
    status: Array.isArray(config.status) ? config.status : [config.status],
    timeoutMs: config.timeout,
  };
}

export interface HttpAnswer {
  status: number;
  body: string;
  /** The status was one of the expected ones. */
  ok: boolean;
}

/** Sends the request; resolves with the answer, rejects when no answer came (refused, timeout). */
export async function sendHttpCall(call: HttpCall, signal?: AbortSignal): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(call.timeoutMs);
  try {
    const response = await fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const body = (await response.text()).slice(0, 4096);
    return { status: response.status, body, ok: statusMatches(response.status, call.status) };
  } catch (error) {
    const why = timeout.aborted ? `no answer within ${formatDuration(call.timeoutMs)}` : causeOf(error);
    throw new Error(`${call.method} ${call.url}: ${why}`, { cause: error });
  }
}

/** The answer, when its status is an expected one; no answer or another status is a fault without effect. */
export async function sendExpecting(call: HttpCall, signal: AbortSignal): Promise<HttpAnswer> {
  const answer = await sendHttpCall(call, signal).catch((error: unknown) => {
    throw new FaultNoEffectError(errorMessage(error), { hint: 'is the URL right, and the node up?' });
  });
  if (!answer.ok) throw new FaultNoEffectError(describeAnswer(call, answer));
  return answer;
}

export function statusMatches(status: number, expected: readonly StatusSpec[]): boolean {
  return expected.some((spec) =>
    typeof spec === 'number' ? spec === status : String(status)[0] === spec[0],
  );
}

/** "POST http://x/fail answered 500 (expected 2xx): <body>". */
export function describeAnswer(call: HttpCall, answer: HttpAnswer): string {
  const body = answer.body.trim().split('\n')[0]?.slice(0, 200) ?? '';
  return (
    `${call.method} ${call.url} answered ${answer.status}` +
    (answer.ok ? '' : ` (expected ${call.status.join(' or ')})`) +
    (body ? `: ${body}` : '')
  );
}

/** fetch hides the socket error in `cause`: "connect ECONNREFUSED 127.0.0.1:1". */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause ? errorMessage(cause) : errorMessage(error);
}
