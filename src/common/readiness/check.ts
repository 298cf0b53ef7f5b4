import type { DockerProbe } from '../docker.js';

/** `missing`: the thing is absent or broken; `warn`: present but not as pinned, or running low. */
export type CheckStatus = 'ok' | 'warn' | 'missing';

export interface CheckResult {
  status: CheckStatus;
  /** One line: what was found, where. */
  detail: string;
  /** One line telling how to fix it; present whenever status is not `ok`. */
  fix?: string;
}

/** What the checks share: the engine is asked once, however many checks need it. */
export interface ReadinessContext {
  readonly signal: AbortSignal;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly nodeVersion: string;
  readonly toxiproxyUrl: string | undefined;
  engine(): Promise<DockerProbe>;
  /** Whether the image is in the local store; undefined when the engine cannot tell. */
  image(name: string): Promise<boolean | undefined>;
}

export interface ReadinessCheck {
  /** The row's label. */
  readonly name: string;
  /** Container drills cannot run while this check is `missing`. */
  readonly blocking: boolean;
  run(context: ReadinessContext): Promise<CheckResult>;
}
