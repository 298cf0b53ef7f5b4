import type { Command } from 'commander';
import { UsageError } from '../../common/errors.js';
import { checkReadiness } from '../../common/readiness/readiness.js';
import { formatReadinessTable } from '../../common/readiness/table.js';
import { ExitCode } from '../exit-codes.js';

interface DoctorOptions {
  toxiproxyUrl?: string;
  json?: boolean;
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check that this machine can run drills: Node, Docker, Toxiproxy, k6, images, disk, memory')
    .option('--toxiproxy-url <url>', 'use (and check) a running Toxiproxy server, e.g. http://127.0.0.1:8474')
    .option('--json', 'print the readiness report as JSON')
    .addHelpText(
      'after',
      '\nEach row is ok, warn or missing, with a one-line fix. Exits 0 when container drills can run,\n' +
        '1 when a blocking check (Node.js, Docker engine, Toxiproxy) is missing.\n' +
        'On a bare Debian host, `sudo bash scripts/setup-env.sh` installs what is missing.',
    )
    .action(async (options: DoctorOptions) => {
      const toxiproxyUrl =
        options.toxiproxyUrl === undefined ? undefined : parseHttpUrl(options.toxiproxyUrl);
      const report = await checkReadiness(toxiproxyUrl ? { toxiproxyUrl } : {});
      console.log(options.json ? JSON.stringify(report, null, 2) : formatReadinessTable(report));
      process.exitCode = report.ready ? ExitCode.passed : ExitCode.failed;
    });
}

function parseHttpUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`--toxiproxy-url: expected an http URL, found "${value}"`, {
      hint: 'give the API address of a running toxiproxy-server, e.g. --toxiproxy-url http://127.0.0.1:8474',
    });
  }
  return url.href;
}
