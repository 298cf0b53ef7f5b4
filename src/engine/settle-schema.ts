import { z } from 'zod';
import { duration } from '../common/duration.js';
import { jsonPath } from '../probes/json-path.js';
import { regex, templatedUrl } from '../probes/probe-fields.js';

/**
 * `settle`: between `repeat` iterations, what "the system is whole again" means beyond every node
 * running and every steady probe passing: one more check (the cluster has a leader, every member
 * caught up), and how long to wait for all of it.
 */
export const settleSchema = z
  .strictObject({
    timeout: duration
      .prefault('60s')
      .meta({ description: 'Longest wait for the system to be whole again (default 60s).' }),
    http: templatedUrl.optional().meta({ description: 'A URL that answers 2xx once the system is whole.' }),
    json_path: jsonPath.optional().meta({ description: 'With http: a value of the JSON answer to compare.' }),
    equals: z
      .union([z.string(), z.number(), z.boolean()])
      .optional()
      .meta({ description: 'The value at json_path once the system is whole.' }),
    exec: z
      .union([z.string().min(1), z.array(z.string()).min(1)])
      .optional()
      .meta({
        description: 'Or a command (on the host, or in `node`) that exits 0 once the system is whole.',
      }),
    node: z.string().min(1).optional().meta({ description: 'With exec: run it in this node.' }),
    stdout_matches: regex.optional().meta({ description: 'With exec: its output must match this.' }),
  })
  .superRefine((settle, ctx) => {
    if (settle.http !== undefined && settle.exec !== undefined)
      ctx.addIssue({ code: 'custom', message: 'give http or exec, not both' });
    const needs = (
      field: 'json_path' | 'equals' | 'stdout_matches' | 'node',
      with_: 'http' | 'exec',
    ): void => {
      if (settle[field] !== undefined && settle[with_] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} goes with ${with_}` });
    };
    needs('json_path', 'http');
    needs('equals', 'http');
    needs('stdout_matches', 'exec');
    needs('node', 'exec');
    if (settle.equals !== undefined && settle.json_path === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['equals'],
        message: 'equals needs json_path: which value to compare',
      });
  });

export type SettleConfig = z.output<typeof settleSchema>;
