import { dirname, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { EnvironmentError, FiredrillError, UsageError, errorMessage } from '../../common/errors.js';
import { packageRoot } from '../../common/package-root.js';
import type { StarterSystem } from '../../scaffold/starter-system.js';

interface InitOptions {
  composeFile?: string;
  container?: string[];
  label?: string;
  composeProject?: string;
  force: boolean;
}

/** The package's own copy of the editor schema. */
const schemaFile = resolve(packageRoot(), 'scenarios/schema.json');
/** How long a published port has to answer `GET /` before it counts as plain TCP. */
const HTTP_GUESS_TIMEOUT_MS = 2_000;

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      'write a starter drill (nodes, probes guessed from the ports, a kill fault, objectives) from\n' +
        'running containers (attach) or a compose file (docker); it validates as written',
    )
    .argument('[file]', 'where to write the drill; - for stdout', 'drill.yaml')
    .option('--compose-file <file>', 'a compose file: its services become docker nodes the drill starts')
    // Repeated rather than variadic: `--container web -` must not read `-` as a container.
    .option(
      '--container <name>',
      'a running container, by name: an attach node (repeat for more)',
      (name: string, names: string[] = []) => [...names, name],
    )
    .option('--label <key=value>', 'the running containers carrying this label: attach nodes')
    .option('--compose-project <name>', "a running compose project's containers: attach nodes")
    .option('--force', 'overwrite the file if it exists', false)
    .action(async (file: string, options: InitOptions) => {
      const system = await discover(options);
      const { renderStarterDrill } = await import('../../scaffold/render-drill.js');
      const folder = file === '-' ? process.cwd() : dirname(resolve(file));
      const text = renderStarterDrill(system, schemaReference(folder));
      if (file === '-') return void process.stdout.write(text);
      const { writeDrillFile } = await import('../../scaffold/write-drill-file.js');
      await writeDrillFile(file, text, options.force);
      console.log(`wrote ${file}: ${system.nodes.length} node(s) from ${system.source}`);
      console.log(`next: review the guesses, then firedrill validate ${file} && firedrill plan ${file}`);
    });
}

/** The schema's path as the drill's modeline names it: relative when they share more than `/`. */
function schemaReference(folder: string): string {
  const path = relative(folder, schemaFile);
  const climbs = path.split(sep).filter((part) => part === '..').length;
  if (climbs >= folder.split(sep).filter(Boolean).length) return schemaFile;
  return path.startsWith('.') ? path : `./${path}`;
}

async function discover(options: InitOptions): Promise<StarterSystem> {
  const sources = [options.composeFile, options.container, options.label, options.composeProject];
  if (sources.filter((source) => source !== undefined).length !== 1)
    throw new UsageError(
      'name exactly one source: --compose-file, --container, --label or --compose-project',
      {
        hint: 'firedrill init --compose-file compose.yaml  or  firedrill init --container web --container db',
      },
    );
  if (options.composeFile !== undefined) {
    const { systemFromComposeFile } = await import('../../scaffold/compose-file.js');
    return systemFromComposeFile(options.composeFile);
  }
  const { systemFromContainers } = await import('../../scaffold/running-containers.js');
  const { dockerClient } = await import('../../common/docker.js');
  const selector = options.container
    ? { names: options.container }
    : options.label !== undefined
      ? { label: options.label }
      : { composeProject: options.composeProject! };
  return systemFromContainers(dockerClient(), selector, {
    timeoutMs: HTTP_GUESS_TIMEOUT_MS,
    signal: AbortSignal.timeout(60_000),
  }).catch((error: unknown) => {
    if (error instanceof FiredrillError) throw error;
    throw new EnvironmentError(`cannot list the running containers: ${errorMessage(error)}`, {
      hint: 'is the Docker engine running? `firedrill doctor` checks it',
    });
  });
}
