import { z } from 'zod';
import { duration } from '../common/duration.js';
import { jsonPath } from '../probes/json-path.js';
import { regex, templatedUrl } from '../probes/probe-fields.js';

/** `${node.host}`, `${node.port.http}`, `${node.alias}`, `${node.name}`: the node being asked. */
const NODE_REF = /\$\{\s*node\.([^}]*?)\s*\}/g;
const NODE_FIELD = /^(host|alias|name|port\.[^.]+)$/;

/**
 * `select: {role: ...}`: the node that holds a role right now, found by asking every candidate
 * at injection time: an http check (a 2xx answer, and the value at `json_path` equal to `equals`)
 * against each node's own address, or an exec check (exit 0, output matching `stdout_matches`)
 * in each node.
 */
export const roleCheckSchema = z
  .strictObject({
    name: z.string().min(1).default('the role').meta({ description: 'The role, for messages: leader.' }),
    http: templatedUrl
      .optional()
      .meta({ description: 'URL asked of each node, e.g. http://${node.host}:${node.port.http}/status.' }),
    json_path: jsonPath.optional().meta({ description: 'Where the role is in the JSON answer: $.role.' }),
    equals: z
      .union([z.string(), z.number(), z.boolean()])
      .optional()
      .meta({ description: 'The value at json_path of a node that holds the role: leader.' }),
    exec: z
      .union([z.string().min(1), z.array(z.string()).min(1)])
      .optional()
      .meta({ description: 'Or a command run in each node; it holds the role when the command exits 0.' }),
    stdout_matches: regex
      .optional()
      .meta({ description: "With exec: the command's output must also match this." }),
    timeout: duration.default(2000).meta({ description: 'Longest a node may take to answer (default 2s).' }),
  })
  .superRefine((role, ctx) => {
    if ((role.http === undefined) === (role.exec === undefined))
      ctx.addIssue({ code: 'custom', message: 'give one of http or exec: how each node is asked' });
    const only = (field: 'json_path' | 'equals' | 'stdout_matches', with_: 'http' | 'exec'): void => {
      if (role[field] !== undefined && role[with_] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} goes with ${with_}` });
    };
    only('json_path', 'http');
    only('equals', 'http');
    only('stdout_matches', 'exec');
    if (role.equals !== undefined && role.json_path === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['equals'],
        message: 'equals needs json_path: which value to compare',
      });
    for (const match of (role.http ?? '').matchAll(NODE_REF)) {
      if (!NODE_FIELD.test(match[1]!))
        ctx.addIssue({
          code: 'custom',
          path: ['http'],
          message: `unknown template value ${match[0]}: use \${node.host}, \${node.port.<port>}, \${node.alias} or \${node.name}`,
        });
    }
  });

export type RoleCheck = z.output<typeof roleCheckSchema>;
