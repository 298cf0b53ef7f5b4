import { request } from 'node:http';

export type ProtocolGuess = { protocol: 'http'; httpStatus: number } | { protocol: 'tcp' };

/**
 * Asks a port whether it speaks HTTP: `GET /` answered with any status line is HTTP (that status
 * becomes the probe's expectation); a refused, silent or non-HTTP port is TCP.
 */
export function guessProtocol(
  host: string,
  port: number,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<ProtocolGuess> {
  return new Promise((resolve) => {
    const tcp = (): void => resolve({ protocol: 'tcp' });
    const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
    const req = request({ host, port, path: '/', method: 'GET', signal }, (res) => {
      res.resume();
      resolve({ protocol: 'http', httpStatus: res.statusCode ?? 200 });
      req.destroy();
    });
    req.on('error', tcp);
    req.end();
  });
}
