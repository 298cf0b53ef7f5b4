import { images } from '../images.js';
import type { CheckResult, ReadinessCheck } from './check.js';

const FIX = `run \`sudo bash scripts/setup-env.sh\`, or \`docker build -t ${images.nettools} docker/nettools\``;

/** Only partitions through iptables need it (`via: toxiproxy` does not), so it does not block. */
export function assessNettoolsImage(present: boolean | undefined): CheckResult {
  if (present) return { status: 'ok', detail: `${images.nettools} present` };
  if (present === undefined) {
    return {
      status: 'warn',
      detail: `${images.nettools}: cannot tell (Docker engine unreachable)`,
      fix: FIX,
    };
  }
  return {
    status: 'missing',
    detail: `${images.nettools} absent: iptables partitions cannot run (via: toxiproxy still can)`,
    fix: FIX,
  };
}

export const nettoolsImageCheck: ReadinessCheck = {
  name: 'nettools image',
  blocking: false,
  run: async (context) => assessNettoolsImage(await context.image(images.nettools)),
};
