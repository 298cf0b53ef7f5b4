import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvironmentError } from './errors.js';
import { findTool, parseGoModuleVersion, parseToolVersion, requireTool } from './tools.js';

describe('parseToolVersion', () => {
  it('reads the first semantic version of the first line', () => {
    expect(parseToolVersion('k6 v2.2.0 (commit/devel, go1.26.8, linux/amd64)\n')).toBe('2.2.0');
    expect(parseToolVersion('toxiproxy-server version 2.12.0\n')).toBe('2.12.0');
  });

  it('is undefined for a binary built without a stamped version', () => {
    expect(parseToolVersion('toxiproxy-server version git\n')).toBeUndefined();
  });
});

describe('parseGoModuleVersion', () => {
  it('reads the main module line of `go version -m`', () => {
    const info = [
      '/root/go/bin/server: go1.26.8',
      '\tpath\tgithub.com/Shopify/toxiproxy/v2/cmd/server',
      '\tmod\tgithub.com/Shopify/toxiproxy/v2\tv2.12.0\th1:d1x++lYZg=',
      '\tdep\tgithub.com/beorn7/perks\tv1.0.1\th1:VlbKK=',
    ].join('\n');
    expect(parseGoModuleVersion(info)).toBe('2.12.0');
  });

  it('is undefined for a development build', () => {
    expect(
      parseGoModuleVersion('x: go1.26.8\n\tpath\tgo.k6.io/k6/v2\n\tmod\tgo.k6.io/k6/v2\t(devel)\t\n'),
    ).toBeUndefined();
  });
});

describe('findTool', () => {
  let root: string;
  const dir = (name: string): string => join(root, name);

  async function fakeBinary(path: string, output: string): Promise<void> {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, `#!/bin/sh\necho '${output}'\n`);
    await chmod(path, 0o755);
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'firedrill-tools-'));
    await fakeBinary(join(dir('first'), 'k6'), 'k6 v2.2.0 (commit/devel, go1.26.8, linux/amd64)');
    await fakeBinary(join(dir('second'), 'k6'), 'k6 v1.0.0');
    await fakeBinary(join(dir('stray/bin'), 'server'), 'some other server 1.0.0');
    await fakeBinary(join(dir('gopath/bin'), 'server'), 'toxiproxy-server version 2.12.0');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('takes the first match on PATH, with its version', async () => {
    const env = { PATH: `${dir('first')}:${dir('second')}` };
    expect(await findTool('k6', { env, goPaths: [] })).toEqual({
      name: 'k6',
      path: join(dir('first'), 'k6'),
      version: '2.2.0',
    });
  });

  it('finds `go install`ed Toxiproxy under its Go name, skipping an unrelated `server`', async () => {
    const found = await findTool('toxiproxy-server', {
      env: { PATH: dir('first') },
      goPaths: [dir('stray'), dir('gopath')],
    });
    expect(found).toEqual({
      name: 'toxiproxy-server',
      path: join(dir('gopath/bin'), 'server'),
      version: '2.12.0',
    });
  });

  it('is undefined when the tool is nowhere, and requireTool says how to get it', async () => {
    const options = { env: { PATH: dir('second') }, goPaths: [dir('stray')] };
    expect(await findTool('toxiproxy-server', options)).toBeUndefined();
    const error = await requireTool('toxiproxy-server', options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as EnvironmentError).hint).toContain('scripts/setup-env.sh');
  });
});
