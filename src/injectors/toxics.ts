import type { ToxicSpec } from '../links/toxiproxy-api.js';

/** The `toxic` kinds of a `link` fault: Toxiproxy's toxics, plus `down` (the proxy disabled) and `jitter`. */
export const toxicKinds = [
  'down',
  'latency',
  'jitter',
  'bandwidth',
  'timeout',
  'reset_peer',
  'slow_close',
  'slicer',
  'limit_data',
] as const;
export type ToxicKind = (typeof toxicKinds)[number];

/** The fields of a link fault that carry toxic attributes (durations already in ms). */
export interface ToxicFields {
  latency?: number;
  jitter?: number;
  rate?: number;
  timeout?: number;
  delay?: number;
  average_size?: number;
  size_variation?: number;
  bytes?: number;
}
export type ToxicField = keyof ToxicFields;

interface ToxicShape {
  /** Toxiproxy's type name (undefined for `down`, which disables the proxy instead). */
  type?: string;
  required: ToxicField[];
  optional: ToxicField[];
  attributes(f: ToxicFields): Record<string, number>;
}

/** Per kind: which fields it takes and the attributes Toxiproxy wants (see Toxiproxy's README). */
export const toxicShapes: Record<ToxicKind, ToxicShape> = {
  down: { required: [], optional: [], attributes: () => ({}) },
  latency: {
    type: 'latency',
    required: ['latency'],
    optional: ['jitter'],
    attributes: (f) => ({ latency: f.latency!, jitter: f.jitter ?? 0 }),
  },
  // Delay varies in [0, 2 × jitter] around a latency of `jitter` unless a latency is given.
  jitter: {
    type: 'latency',
    required: ['jitter'],
    optional: ['latency'],
    attributes: (f) => ({ latency: f.latency ?? f.jitter!, jitter: f.jitter! }),
  },
  bandwidth: { type: 'bandwidth', required: ['rate'], optional: [], attributes: (f) => ({ rate: f.rate! }) },
  timeout: {
    type: 'timeout',
    required: ['timeout'],
    optional: [],
    attributes: (f) => ({ timeout: f.timeout! }),
  },
  reset_peer: {
    type: 'reset_peer',
    required: [],
    optional: ['timeout'],
    attributes: (f) => ({ timeout: f.timeout ?? 0 }),
  },
  slow_close: {
    type: 'slow_close',
    required: ['delay'],
    optional: [],
    attributes: (f) => ({ delay: f.delay! }),
  },
  slicer: {
    type: 'slicer',
    required: ['average_size'],
    optional: ['size_variation', 'delay'],
    // Toxiproxy takes the slicer's delay in microseconds.
    attributes: (f) => ({
      average_size: f.average_size!,
      size_variation: f.size_variation ?? 0,
      delay: (f.delay ?? 0) * 1000,
    }),
  },
  limit_data: {
    type: 'limit_data',
    required: ['bytes'],
    optional: [],
    attributes: (f) => ({ bytes: f.bytes! }),
  },
};

/** The toxic to add for one stream direction. */
export function toxicSpec(
  kind: Exclude<ToxicKind, 'down'>,
  fields: ToxicFields,
  stream: 'upstream' | 'downstream',
  toxicity: number,
  name: string,
): ToxicSpec {
  const shape = toxicShapes[kind];
  return { name, type: shape.type!, stream, toxicity, attributes: shape.attributes(fields) };
}
