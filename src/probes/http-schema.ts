import { z } from 'zod';
import { jsonPath } from './json-path.js';
import { probeBase } from './probe.js';
import { regex, templatedUrl } from './probe-fields.js';

const statusCode = z.number().int().min(100).max(599);
const statusClass = z
  .string()
  .regex(/^[1-5]xx$/, { error: 'expected a status code such as 200 or a class such as 2xx' });
const statusSpec = z.union([statusCode, statusClass]);

const fields = probeBase.extend({
  type: z.literal('http'),
  url: templatedUrl.meta({
    description: 'http:// or https:// URL; may use ${nodes.<n>.host} and ${nodes.<n>.port.<p>}.',
  }),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional().meta({ description: 'Request body.' }),
  status: z
    .union([statusSpec, z.array(statusSpec).min(1)])
    .default('2xx')
    .meta({ description: 'Expected status: a code, a class such as 2xx, or a list of them (default 2xx).' }),
  body_matches: regex.optional().meta({
    description: 'A regular expression the response body must match (^ and $ also match at line ends).',
  }),
  json_path: jsonPath.optional().meta({
    description:
      "The body is JSON and has a value here, e.g. $.role or $.nodes[0].state (.name, [0], ['name'] steps).",
  }),
  json_equals: z
    .union([z.string(), z.number(), z.boolean(), z.null()])
    .optional()
    .meta({ description: 'The value at json_path must equal this (type included: 1 is not "1").' }),
  json_matches: regex
    .optional()
    .meta({ description: 'The value at json_path, as text (JSON for non-strings), must match this.' }),
});

/** The `http` probe's fields (http.ts holds what it does). */
export const httpProbeSchema = fields.superRefine((config, ctx) => {
  for (const field of ['json_equals', 'json_matches'] as const) {
    if (config[field] !== undefined && config.json_path === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `${field} needs json_path: which value of the JSON body to compare`,
      });
    }
  }
});
