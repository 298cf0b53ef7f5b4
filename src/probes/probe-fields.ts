import { z } from 'zod';
import { UsageError, errorMessage } from '../common/errors.js';

const TEMPLATE = /\$\{[^}]*\}/g;
const hasTemplate = (text: string): boolean => text.includes('${');

/** A URL that may hold `${...}` values filled in once the target is up: checked with stand-ins. */
export const templatedUrl = z.string().superRefine((text, ctx) => {
  const standIn = text.replace(TEMPLATE, '1');
  let url: URL | undefined;
  try {
    url = new URL(standIn);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    ctx.addIssue({ code: 'custom', message: `expected an http:// or https:// URL, found "${text}"` });
  }
});

/** A port: a number, or a template such as `${nodes.web.port.http}` that becomes one. */
export const templatedPort = z.union([
  z.number().int().min(1).max(65535),
  z.string().refine((text) => hasTemplate(text) || /^\d+$/.test(text), {
    error: 'expected a port number or a template such as ${nodes.web.port.http}',
  }),
]);

/** A port field's value once templates are filled in; throws when it is not a port. */
export function portNumber(value: number | string, where: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`${where}: "${value}" is not a port number (1-65535)`, {
      hint: 'use a number or a template such as ${nodes.<node>.port.<port>}',
    });
  }
  return port;
}

/** A regular expression written as a string; one that does not compile is reported with the reason. */
export const regex = z.string().superRefine((text, ctx) => {
  try {
    new RegExp(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${errorMessage(error)}` });
  }
});

/** "connect ECONNREFUSED 127.0.0.1:8080", "socket hang up (ECONNRESET)". */
export function failureDetail(error: unknown): string {
  const message = errorMessage(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
