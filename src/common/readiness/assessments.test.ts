import { describe, expect, it } from 'vitest';
import { gib } from './bytes.js';
import { assessDiskSpace } from './disk-space.js';
import { assessDockerEngine } from './docker-engine.js';
import { assessK6 } from './k6.js';
import { assessMemory } from './memory.js';
import { assessNettoolsImage } from './nettools-image.js';
import { assessNodeVersion } from './node-version.js';
import { assessToxiproxy } from './toxiproxy.js';

const binary = {
  name: 'toxiproxy-server' as const,
  path: '/usr/local/bin/toxiproxy-server',
  version: '2.12.0',
};

describe('Node.js', () => {
  it('needs 20.19 or newer', () => {
    expect(assessNodeVersion('v20.19.0').status).toBe('ok');
    const old = assessNodeVersion('v20.11.1');
    expect(old).toMatchObject({ status: 'missing', detail: 'v20.11.1 is older than 20.19' });
    expect(old.fix).toContain('20.19');
  });
});

describe('Docker engine', () => {
  it('reports engine and API versions', () => {
    const probe = {
      reachable: true,
      endpoint: 'unix:///var/run/docker.sock',
      apiVersion: '1.41',
      engineVersion: '20.10.24',
    } as const;
    expect(assessDockerEngine(probe, {})).toEqual({
      status: 'ok',
      detail: 'engine 20.10.24, API 1.41 at unix:///var/run/docker.sock',
    });
  });

  it('names the endpoint and, with DOCKER_HOST set, says to fix or unset it', () => {
    const probe = {
      reachable: false,
      endpoint: 'unix:///nope.sock',
      error: 'no socket there (connect ENOENT)',
    } as const;
    const result = assessDockerEngine(probe, { DOCKER_HOST: 'unix:///nope.sock' });
    expect(result.status).toBe('missing');
    expect(result.detail).toBe('not reachable at unix:///nope.sock: no socket there (connect ENOENT)');
    expect(result.fix).toMatch(/DOCKER_HOST.*unset it.*setup-env\.sh/);
    expect(assessDockerEngine(probe, {}).fix).toMatch(/^start the Docker engine/);
  });
});

describe('Toxiproxy', () => {
  it('is ok with the image or with the pinned binary', () => {
    expect(assessToxiproxy({ image: true, binary: undefined })).toEqual({
      status: 'ok',
      detail: 'image ghcr.io/shopify/toxiproxy:2.12.0',
    });
    expect(assessToxiproxy({ image: undefined, binary }).status).toBe('ok');
  });

  it('warns when only an unpinned binary is there', () => {
    const result = assessToxiproxy({ image: false, binary: { ...binary, version: undefined } });
    expect(result).toMatchObject({ status: 'warn', detail: expect.stringContaining('pinned v2.12.0') });
  });

  it('is missing when there is neither, and tells when Docker could not be asked', () => {
    expect(assessToxiproxy({ image: false, binary: undefined })).toMatchObject({
      status: 'missing',
      detail: 'no image, no toxiproxy-server binary',
    });
    expect(assessToxiproxy({ image: undefined, binary: undefined }).detail).toContain('Docker unreachable');
  });

  it('judges a given URL by its answer alone', () => {
    const url = 'http://127.0.0.1:8474/';
    expect(assessToxiproxy({ server: { url, version: '2.12.0' }, image: false, binary: undefined })).toEqual({
      status: 'ok',
      detail: 'server http://127.0.0.1:8474/ answers (version 2.12.0)',
    });
    const down = assessToxiproxy({ server: { url, error: 'ECONNREFUSED' }, image: true, binary });
    expect(down).toMatchObject({ status: 'missing', detail: `${url} does not answer: ECONNREFUSED` });
  });
});

describe('k6, nettools, disk and memory', () => {
  it('k6: missing means the built-in load is used; another version is a warning', () => {
    expect(assessK6(undefined)).toMatchObject({
      status: 'missing',
      detail: expect.stringContaining('built-in'),
    });
    expect(assessK6({ name: 'k6', path: '/usr/local/bin/k6', version: '2.2.0' }).status).toBe('ok');
    expect(assessK6({ name: 'k6', path: '/usr/local/bin/k6', version: '0.49.0' })).toMatchObject({
      status: 'warn',
      detail: '/usr/local/bin/k6 v0.49.0 (pinned v2.2.0)',
    });
  });

  it('nettools: present, absent, or cannot tell', () => {
    expect(assessNettoolsImage(true).status).toBe('ok');
    expect(assessNettoolsImage(false)).toMatchObject({
      status: 'missing',
      fix: expect.stringContaining('docker build'),
    });
    expect(assessNettoolsImage(undefined).status).toBe('warn');
  });

  it('disk: warns below 2 GiB on any path and names it', () => {
    const plenty = { path: '/work', freeBytes: gib(50) };
    expect(assessDiskSpace([plenty]).status).toBe('ok');
    const low = assessDiskSpace([plenty, { path: '/var/lib/docker', freeBytes: gib(1.5) }]);
    expect(low.status).toBe('warn');
    expect(low.detail).toBe('50.0 GiB free at /work; 1.5 GiB free at /var/lib/docker (below 2.0 GiB)');
    expect(low.fix).toContain('/var/lib/docker');
  });

  it('memory: warns below 1 GiB available', () => {
    expect(assessMemory(gib(4), gib(8))).toEqual({ status: 'ok', detail: '4.0 GiB available of 8.0 GiB' });
    expect(assessMemory(gib(0.5), gib(8)).status).toBe('warn');
  });
});
