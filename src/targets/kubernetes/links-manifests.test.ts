import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSeed } from '../../common/fuzz-runs.js';
import { images } from '../../common/images.js';
import { matchesSelector } from './labels.js';
import { toxiproxyObjectName, toxiproxyPod, toxiproxyService } from './links-manifests.js';

const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const ports = fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 12 });

describe("the links' Toxiproxy pod and Service", () => {
  it('are named per run, a valid Service name whatever the run id holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (runId) => {
        const name = toxiproxyObjectName(runId);
        expect(name).toMatch(DNS_1035);
        expect(name.length).toBeLessThanOrEqual(63);
        expect(name.startsWith('firedrill-toxiproxy')).toBe(true);
      }),
      { numRuns: fuzzRuns(300), seed: fuzzSeed },
    );
    expect(toxiproxyObjectName('2087888b')).toBe('firedrill-toxiproxy-2087888b');
    expect(toxiproxyObjectName('2087888b')).not.toBe(toxiproxyObjectName('30953025'));
  });

  it('carry the run label; the Service selects the pod and no other run', () => {
    const pod = toxiproxyPod('2087888b', [38295]);
    const service = toxiproxyService('2087888b', [38295]);
    for (const object of [pod, service]) {
      expect(object.metadata?.name).toBe('firedrill-toxiproxy-2087888b');
      expect(object.metadata?.labels).toMatchObject({ 'firedrill.run': '2087888b' });
      expect(object.metadata?.annotations?.['firedrill.owner']).toMatch(new RegExp(`:${process.pid}$`));
    }
    const selector = Object.entries(service.spec!.selector!)
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    expect(matchesSelector(selector, pod.metadata?.labels)).toBe(true);
    expect(matchesSelector(selector, toxiproxyPod('30953025', [38295]).metadata?.labels)).toBe(false);
    // An app pod of the same run is not an endpoint of the links' Service.
    expect(matchesSelector(selector, { 'firedrill.run': '2087888b', app: 'echo' })).toBe(false);
  });

  it('run the pinned image, its API on 8474, each proxy port open in the pod', () => {
    const spec = toxiproxyPod('r1', [34211, 5432]).spec!;
    const [container] = spec.containers;
    expect(container!.image).toBe(images.toxiproxy);
    expect(container!.args).toEqual(['-host=0.0.0.0', '-port=8474']);
    expect(container!.ports?.map((p) => p.containerPort)).toEqual([8474, 34211, 5432]);
    expect(container!.readinessProbe?.httpGet).toEqual({ path: '/version', port: 8474 });
    // A bare pod that is not restarted: its proxies live in memory, a new one would have none.
    expect(spec.restartPolicy).toBe('Never');
  });

  it('give every link one Service port, the same number as in the pod (so ${links.<l>.port} holds everywhere)', () => {
    fc.assert(
      fc.property(ports, (proxyPorts) => {
        const servicePorts = toxiproxyService('r1', proxyPorts).spec!.ports!;
        expect(servicePorts.map((p) => p.port)).toEqual(proxyPorts);
        expect(servicePorts.every((p) => p.targetPort === p.port && p.protocol === 'TCP')).toBe(true);
        const names = servicePorts.map((p) => p.name!);
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) {
          expect(name.length).toBeLessThanOrEqual(15);
          expect(name).toMatch(DNS_1035);
        }
      }),
      { numRuns: fuzzRuns(200), seed: fuzzSeed },
    );
  });
});
