import fc from 'fast-check';
import { fuzzRuns } from '../../src/common/fuzz-runs.js';
import { objectiveKeys } from '../../src/result/objective-row.js';
// Runs per property: a few in `npm test`, more with FIREDRILL_FUZZ_FACTOR (`npm run fuzz`).
export { fuzzRuns, fuzzSeed } from '../../src/common/fuzz-runs.js';
/** Time for a property: grows with the runs asked for. */
export const fuzzTimeout = (base, msPerRun = 150) => 10_000 + fuzzRuns(base) * msPerRun;
/** Markup, escape sequences and mentions a hostile system or scenario could put in any string. */
const fragments = [
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    '</title><script>alert(1)</script>',
    ']]><x/>',
    '&amp;&#x3c;&lt;',
    '# heading',
    '\n## heading\n',
    '| a | b |',
    '@team @org/admins',
    '#12 GH-3',
    '[link](https://evil.example)',
    '![img](https://evil.example/x.png)',
    'www.evil.example http://evil.example/x a@b.example',
    '*em* _em_ ~~del~~ `code` $x$',
    '\u001b]0;owned\u0007\u001b[2J\u001b[31mred\u001b[0m',
    '\u009b2J\r\u0008\u0000\u007f',
    '\u202eevil\u202c',
    '\ud800 \udfff \ufffe',
    '1. item\n- item\n> quote\n---\n    code',
];
/** Any string, leaning towards the hostile: fragments, control characters, lone surrogates. */
export const hostileString = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fragments) }, { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) }, {
    weight: 2,
    arbitrary: fc
        .array(fc.constantFrom(...fragments, 'x', ' ', '\n', '<', '&', '"'), { maxLength: 4 })
        .map((a) => a.join('')),
}, { weight: 1, arbitrary: fc.constantFrom('', 'web', 'kill-web', '2026-11-22T03:04:48.409Z') });
/** Any finite number, leaning towards the extremes a chart must survive. */
export const anyNumber = fc.oneof({ weight: 3, arbitrary: fc.double({ min: -1000, max: 100_000, noNaN: true }) }, { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) }, {
    weight: 1,
    arbitrary: fc.constantFrom(0, -0, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53),
});
const count = fc.oneof(fc.nat({ max: 1000 }), fc.constantFrom(0, Number.MAX_SAFE_INTEGER));
const optional = (arb) => fc.option(arb, { nil: undefined });
const role = fc.constantFrom('steady', 'detect', 'during', 'abort');
const status = fc.constantFrom('passed', 'failed', 'not-measured');
const resolution = fc.record({
    ms: anyNumber,
    basis: fc.constantFrom('bracketing samples', 'log line arrival', 'sampling interval', 'exact', 'sum of both bounds'),
});
const timeMeasurement = fc.oneof(fc.record({
    status: fc.constant('measured'),
    ms: anyNumber,
    resolution,
    at: anyNumber,
    signal: hostileString,
    note: hostileString,
}, { requiredKeys: ['status', 'ms', 'resolution'] }), fc.record({ status: fc.constant('not-measured'), reason: hostileString, abortedAtMs: anyNumber }, { requiredKeys: ['status', 'reason'] }), fc.record({
    status: fc.constantFrom('not-detected', 'not-recovered'),
    exceeds: anyNumber,
    reason: hostileString,
}));
const objectiveRow = fc.record({
    objective: hostileString,
    kind: fc.constantFrom(...objectiveKeys, 'during'),
    unit: fc.constantFrom('ms', 'count', 'fraction'),
    comparison: fc.constantFrom('<=', '>='),
    target: anyNumber,
    measured: fc.option(anyNumber, { nil: null }),
    exceeded: fc.constant(true),
    status,
    signal: hostileString,
    resolution,
    abortedAtMs: anyNumber,
    reason: hostileString,
}, { requiredKeys: ['objective', 'kind', 'unit', 'comparison', 'target', 'measured', 'status'] });
const availability = fc.option(fc.record({ ratio: anyNumber, ok: count, total: count }), { nil: null });
const latency = fc.option(fc.record({ n: count, p50: anyNumber, p95: anyNumber, p99: anyNumber }), {
    nil: null,
});
const measurements = fc.record({
    t0: anyNumber,
    signals: fc.array(hostileString, { maxLength: 3 }),
    impact: fc.oneof(fc.record({
        status: fc.constant('impact'),
        at: anyNumber,
        signal: hostileString,
        detail: optional(hostileString),
        resolution,
    }), fc.constant({ status: 'none' })),
    detect: timeMeasurement,
    recover: timeMeasurement,
    recoveryAfterDetection: timeMeasurement,
    total: timeMeasurement,
    recovered: fc.boolean(),
    abortedAtMs: anyNumber,
    during: fc.array(objectiveRow, { maxLength: 2 }),
    data: fc.record({
        attempted: count,
        acknowledged: count,
        lostWrites: count,
        lostIds: fc.array(fc.oneof(hostileString, anyNumber), { maxLength: 3 }),
        recovered: count,
        rpo: timeMeasurement,
    }),
    dataUnavailable: hostileString,
    load: fc.record({
        requests: count,
        availability: fc.record({ fault: availability, overall: availability }),
        latency: fc.record({ baseline: latency, fault: latency }),
    }),
}, {
    requiredKeys: [
        't0',
        'signals',
        'impact',
        'detect',
        'recover',
        'recoveryAfterDetection',
        'total',
        'recovered',
        'during',
    ],
});
const distribution = fc.option(fc.record({ n: count, min: anyNumber, p50: anyNumber, p95: anyNumber, max: anyNumber }), { nil: null });
const repeated = fc.record({ runs: count, measured: distribution, exceeded: count, notMeasured: count });
const repeat = fc.record({
    runs: count,
    detect: repeated,
    recover: repeated,
    recoveryAfterDetection: repeated,
    total: repeated,
    rpo: repeated,
    lostWrites: repeated,
    availability: repeated,
    latencyP99: repeated,
});
const revert = fc.record({
    faultId: hostileString,
    step: hostileString,
    ok: fc.boolean(),
    detail: hostileString,
});
const fault = fc.record({
    id: hostileString,
    type: hostileString,
    description: hostileString,
    startedAt: anyNumber,
    effectAt: anyNumber,
    revertStartedAt: anyNumber,
    revertedAt: anyNumber,
    summary: hostileString,
    reverts: fc.array(revert, { maxLength: 2 }),
    plannedAtMs: anyNumber,
    durationMs: anyNumber,
}, { requiredKeys: ['id', 'type', 'description', 'plannedAtMs'] });
const probe = fc.record({
    name: fc.oneof(hostileString, fc.constantFrom('web', 'db')),
    type: hostileString,
    role,
    interval: anyNumber,
    timeout: anyNumber,
    expect: fc.constantFrom('pass', 'fail'),
    skippedTicks: count,
});
const sample = fc.record({
    probe: fc.oneof(hostileString, fc.constantFrom('web', 'db')),
    role,
    scheduledAt: anyNumber,
    startedAt: anyNumber,
    endedAt: anyNumber,
    ok: fc.boolean(),
    detail: hostileString,
    value: anyNumber,
    observedEvent: fc.constant(true),
}, { requiredKeys: ['probe', 'role', 'scheduledAt', 'startedAt', 'endedAt', 'ok'] });
const eventTypes = [
    'iteration',
    'phase',
    'target.up',
    'fault.injected',
    'fault.reverted',
    'faults.reverted',
    'detected',
    'recovered',
    'recover.deadline',
    'load.started',
    'load.stopped',
    'integrity.read',
    'target.kept',
    'run.stopped',
];
const event = fc
    .tuple(fc.record({
    t: anyNumber,
    time: hostileString,
    type: fc.oneof(fc.constantFrom(...eventTypes), hostileString),
}), fc.dictionary(fc.constantFrom('phase', 'nodes', 'fault', 'summary', 'reverts', 'ttd', 'ttr', 'reason', 'ok', 'error', 'index', 'of', 'x'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }))
    .map(([base, rest]) => ({ ...rest, ...base }));
/** Any result.json that the schema accepts, its strings and numbers chosen to break renderers. */
export const drillResultArbitrary = fc
    .record({
    schema: fc.constant('firedrill.result/v1'),
    runId: hostileString,
    scenario: fc.record({
        name: hostileString,
        file: hostileString,
        description: hostileString,
        tags: fc.array(hostileString, { maxLength: 2 }),
        tier: hostileString,
        config: fc.jsonValue({ maxDepth: 2 }),
    }, { requiredKeys: ['name', 'file', 'tags', 'config'] }),
    environment: fc.record({
        firedrill: hostileString,
        node: hostileString,
        platform: hostileString,
        host: hostileString,
        seed: fc.integer(),
    }),
    clockOrigin: hostileString,
    startedAt: hostileString,
    endedAt: hostileString,
    verdict: fc.constantFrom('passed', 'failed', 'aborted', 'error'),
    reason: hostileString,
    reasons: fc.array(hostileString, { maxLength: 2 }),
    hint: hostileString,
    probes: fc.array(probe, { maxLength: 3 }),
    timeline: fc.record({ t0: anyNumber, faults: fc.array(fault, { maxLength: 2 }) }, { requiredKeys: ['faults'] }),
    measurements,
    iterations: fc.array(fc.record({
        index: count,
        startedAt: anyNumber,
        endedAt: anyNumber,
        t0: anyNumber,
        faults: fc.array(fault, { maxLength: 1 }),
        measurements,
        objectives: fc.array(objectiveRow, { maxLength: 1 }),
    }, { requiredKeys: ['index', 'startedAt', 'endedAt', 'faults', 'objectives'] }), { maxLength: 3 }),
    repeat,
    load: fc.record({
        generator: fc.constantFrom('k6', 'builtin'),
        reason: hostileString,
        requests: count,
        dropped: count,
    }, { requiredKeys: ['generator', 'reason', 'requests', 'dropped'] }),
    objectives: fc.array(fc
        .tuple(objectiveRow, hostileString, hostileString)
        .map(([row, target, measured]) => ({ ...row, display: { target, measured } })), { maxLength: 3 }),
    samples: fc.array(sample, { maxLength: 6 }),
    samplesDownsampled: fc.boolean(),
    reverts: fc.array(revert, { maxLength: 2 }),
    events: fc.array(event, { maxLength: 5 }),
}, {
    requiredKeys: [
        'schema',
        'runId',
        'scenario',
        'environment',
        'clockOrigin',
        'startedAt',
        'endedAt',
        'verdict',
        'reasons',
        'probes',
        'timeline',
        'objectives',
        'samples',
        'samplesDownsampled',
        'reverts',
        'events',
    ],
})
    .map((result) => result);
/** Every string in a value (keys included), for checks that input text came out only as text. */
export function stringsIn(value) {
    if (typeof value === 'string')
        return [value];
    if (Array.isArray(value))
        return value.flatMap(stringsIn);
    if (value !== null && typeof value === 'object')
        return Object.entries(value).flatMap(([k, v]) => [k, ...stringsIn(v)]);
    return [];
}
//# sourceMappingURL=result-arbitrary.js.map