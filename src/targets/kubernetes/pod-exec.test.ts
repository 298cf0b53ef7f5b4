import { describe, expect, it } from 'vitest';
import { TargetError } from '../../common/errors.js';
import { exitCodeOf } from './pod-exec.js';

const where = { namespace: 'ns', pod: 'web-0', container: 'app' };

describe('exitCodeOf (the exec status the kubelet sends)', () => {
  it('reads Success as 0 and a Failure with an ExitCode cause as that code', () => {
    expect(exitCodeOf({ status: 'Success' }, where, ['true'])).toBe(0);
    const failure = {
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    };
    expect(exitCodeOf(failure, where, ['sh'])).toBe(3);
  });

  it('reads a command that could not start as 127, as a shell says', () => {
    const status = { status: 'Failure', message: 'exec: "nosuch": executable file not found in $PATH' };
    expect(exitCodeOf(status, where, ['nosuch'])).toBe(127);
  });

  it('refuses to invent an exit code when the connection closed without one', () => {
    expect(() => exitCodeOf(undefined, where, ['sleep', '9'])).toThrow(TargetError);
    expect(() => exitCodeOf({ status: 'Failure', message: 'container not found' }, where, ['ls'])).toThrow(
      /container not found/,
    );
  });
});
