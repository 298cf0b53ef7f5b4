import { errorMessage } from '../errors.js';
import { images } from '../images.js';
import { findTool, pinnedToolVersions, type FoundTool } from '../tools.js';
import type { CheckResult, ReadinessCheck, ReadinessContext } from './check.js';

export interface ToxiproxyFacts {
  /** Present when the user named a running server with --toxiproxy-url. */
  server?: { url: string; version?: string; error?: string };
  /** Undefined when the engine cannot tell. */
  image: boolean | undefined;
  binary: FoundTool | undefined;
}

const FIX =
  'run `sudo bash scripts/setup-env.sh` (builds the image and toxiproxy-server), ' +
  'or pass --toxiproxy-url of a running server';

/** Any one way to get a Toxiproxy will do; a URL the user gave must answer, though. */
export function assessToxiproxy(facts: ToxiproxyFacts): CheckResult {
  if (facts.server) {
    const { url, version, error } = facts.server;
    if (error !== undefined) {
      return {
        status: 'missing',
        detail: `${url} does not answer: ${error}`,
        fix: `start toxiproxy-server there, or drop --toxiproxy-url to use the ${images.toxiproxy} image`,
      };
    }
    return { status: 'ok', detail: `server ${url} answers (version ${version ?? '?'})` };
  }
  const found: string[] = [];
  if (facts.image) found.push(`image ${images.toxiproxy}`);
  if (facts.binary) found.push(`binary ${facts.binary.path} v${facts.binary.version ?? '?'}`);
  if (found.length === 0) {
    const image = facts.image === undefined ? 'image: cannot tell (Docker unreachable)' : 'no image';
    return { status: 'missing', detail: `${image}, no toxiproxy-server binary`, fix: FIX };
  }
  const pinned = pinnedToolVersions['toxiproxy-server'];
  if (!facts.image && facts.binary?.version !== pinned) {
    return { status: 'warn', detail: `${found.join('; ')} (pinned v${pinned})`, fix: FIX };
  }
  return { status: 'ok', detail: found.join('; ') };
}

/** GET <url>/version: 2.x answers `{"version": "2.12.0"}`, older servers plain text. */
export async function askToxiproxyVersion(
  url: string,
  signal: AbortSignal,
): Promise<ToxiproxyFacts['server']> {
  try {
    const response = await fetch(new URL('/version', url), {
      signal: AbortSignal.any([signal, AbortSignal.timeout(2_000)]),
    });
    if (!response.ok) return { url, error: `GET /version answered HTTP ${response.status}` };
    const body = (await response.text()).trim();
    try {
      return { url, version: String((JSON.parse(body) as { version?: unknown }).version ?? body) };
    } catch {
      return { url, version: body };
    }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { url, error: cause ?? errorMessage(error) };
  }
}

async function gatherFacts(context: ReadinessContext): Promise<ToxiproxyFacts> {
  const [server, image, binary] = await Promise.all([
    context.toxiproxyUrl ? askToxiproxyVersion(context.toxiproxyUrl, context.signal) : undefined,
    context.image(images.toxiproxy),
    findTool('toxiproxy-server', { env: context.env, signal: context.signal }),
  ]);
  return { ...(server ? { server } : {}), image, binary };
}

export const toxiproxyCheck: ReadinessCheck = {
  name: 'Toxiproxy',
  blocking: true,
  run: async (context) => assessToxiproxy(await gatherFacts(context)),
};
