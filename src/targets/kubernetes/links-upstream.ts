import { TargetError } from '../../common/errors.js';

/**
 * In the cluster, 127.0.0.1 is the Toxiproxy pod itself: an upstream written for the host
 * (`${nodes.<n>.host}:${nodes.<n>.port.<p>}`) would loop back into it.
 */
export function refuseLoopback(link: string, upstream: string): void {
  const host = /^\[?([^\]]*)\]?:\d+$/.exec(upstream.trim())?.[1] ?? '';
  if (host === 'localhost' || host === '::1' || /^127\./.test(host))
    throw new TargetError(
      `links.${link}.upstream is ${upstream}: on a kubernetes target the link runs in the cluster, where that is the Toxiproxy pod itself`,
      {
        hint: "point it at the pod in the cluster: `${nodes.<node>.ip}:<container port>`, or a Service's cluster address",
      },
    );
}
