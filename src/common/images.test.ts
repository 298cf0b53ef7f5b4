import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { images } from './images.js';
import { pinnedToolVersions } from './tools.js';

const repo = new URL('../../', import.meta.url);
const read = (path: string): Promise<string> => readFile(new URL(path, repo), 'utf8');

// The pins live in TypeScript and in scripts/setup-env.sh; these tests keep the two in step.
describe('pinned images and tools', () => {
  it.each([
    ['nettools', images.nettools],
    ['http-echo', images.httpEcho],
  ])('firedrill/%s is tagged with docker/<name>/VERSION', async (name, image) => {
    const version = (await read(`docker/${name}/VERSION`)).trim();
    expect(image).toBe(`firedrill/${name}:${version}`);
  });

  it('setup-env.sh builds the versions the code expects', async () => {
    const script = await read('scripts/setup-env.sh');
    expect(script).toContain(`TOXIPROXY_VERSION=${pinnedToolVersions['toxiproxy-server']}\n`);
    expect(script).toContain(`K6_VERSION=${pinnedToolVersions.k6}\n`);
    expect(images.toxiproxy).toBe(`ghcr.io/shopify/toxiproxy:${pinnedToolVersions['toxiproxy-server']}`);
    expect(script).toContain(`DEBIAN_IMAGE=${images.debian}\n`);
  });
});
