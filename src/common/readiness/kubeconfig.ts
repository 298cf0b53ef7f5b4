import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** Where `npm run k8s:up` (scripts/setup-k8s.sh) writes the local cluster's admin kubeconfig. */
export function localClusterKubeconfig(env: NodeJS.ProcessEnv): string {
  return join(env.FIREDRILL_K8S_DIR || '/var/lib/firedrill-k8s', 'kubeconfig');
}

/**
 * The files kubectl would read (KUBECONFIG's list, else ~/.kube/config), and last the local
 * cluster's, so a machine whose only cluster is the one `k8s:up` made still finds it.
 */
export function kubeconfigCandidates(env: NodeJS.ProcessEnv): string[] {
  const listed = (env.KUBECONFIG ?? '').split(delimiter).filter((path) => path !== '');
  if (listed.length > 0) return listed;
  return [join(env.HOME || homedir(), '.kube', 'config'), localClusterKubeconfig(env)];
}

const kubeconfigSchema = z.object({
  'current-context': z.string().nullish(),
  contexts: z
    .array(
      z.object({ name: z.string(), context: z.object({ cluster: z.string(), user: z.string().nullish() }) }),
    )
    .nullish(),
  clusters: z
    .array(
      z.object({
        name: z.string(),
        cluster: z.object({
          server: z.string(),
          'certificate-authority': z.string().nullish(),
          'certificate-authority-data': z.string().nullish(),
          'insecure-skip-tls-verify': z.boolean().nullish(),
        }),
      }),
    )
    .nullish(),
  users: z.array(z.object({ name: z.string(), user: z.record(z.string(), z.unknown()).nullish() })).nullish(),
});
type KubeconfigFile = z.infer<typeof kubeconfigSchema> & { path: string };

/** What the readiness check needs to talk to the current context's cluster. */
export interface KubeconfigTarget {
  /** The file(s) read, joined with the path delimiter. */
  path: string;
  context: string;
  server: string;
  ca?: Buffer;
  insecure: boolean;
  token?: string;
  cert?: Buffer;
  key?: Buffer;
  /** Set when the user authenticates in a way this check does not speak (exec plugins...). */
  unsupportedAuth?: string;
}

export class KubeconfigProblem extends Error {}

async function readKubeconfig(path: string): Promise<KubeconfigFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KubeconfigProblem(`${path}: ${(error as Error).message}`);
  }
  const parsed = kubeconfigSchema.safeParse(parse(text) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KubeconfigProblem(`${path}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  return { ...parsed.data, path };
}

/** kubectl's merge: the first file that sets a value (current-context, a named entry) wins. */
function firstNamed<K extends 'contexts' | 'clusters' | 'users'>(
  files: KubeconfigFile[],
  list: K,
  name: string,
): { file: KubeconfigFile; entry: NonNullable<KubeconfigFile[K]>[number] } | undefined {
  for (const file of files) {
    const entry = file[list]?.find((item) => item.name === name);
    if (entry) return { file, entry };
  }
  return undefined;
}

/** The current context's cluster and credentials; undefined when no kubeconfig file exists. */
export async function loadKubeconfig(env: NodeJS.ProcessEnv): Promise<KubeconfigTarget | undefined> {
  const candidates = kubeconfigCandidates(env);
  const read = await Promise.all(candidates.map(readKubeconfig));
  let files = read.filter((file): file is KubeconfigFile => file !== undefined);
  // Without KUBECONFIG the local cluster's file is a fallback, not a second file to merge.
  if (!env.KUBECONFIG) files = files.slice(0, 1);
  if (files.length === 0) return undefined;
  const paths = files.map((file) => file.path).join(delimiter);
  const context = files.find((file) => file['current-context'])?.['current-context'];
  if (!context) throw new KubeconfigProblem(`${paths}: no current-context`);
  const found = firstNamed(files, 'contexts', context);
  if (!found) throw new KubeconfigProblem(`${paths}: context "${context}" is not defined`);
  const { cluster: clusterName, user: userName } = found.entry.context;
  const cluster = firstNamed(files, 'clusters', clusterName);
  if (!cluster) throw new KubeconfigProblem(`${paths}: cluster "${clusterName}" is not defined`);
  const user = userName ? firstNamed(files, 'users', userName) : undefined;
  const { server, ...tls } = cluster.entry.cluster;
  const base = dirname(cluster.file.path);
  return {
    path: paths,
    context,
    server,
    insecure: tls['insecure-skip-tls-verify'] === true,
    ...optional('ca', await bytes(base, tls['certificate-authority'], tls['certificate-authority-data'])),
    ...(await credentials(user ? dirname(user.file.path) : base, user?.entry.user ?? {})),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

async function bytes(base: string, file: unknown, data: unknown): Promise<Buffer | undefined> {
  if (typeof data === 'string' && data !== '') return Buffer.from(data, 'base64');
  if (typeof file !== 'string' || file === '') return undefined;
  const path = isAbsolute(file) ? file : resolve(base, file);
  return readFile(path).catch((error: unknown) => {
    throw new KubeconfigProblem(`cannot read ${path}: ${(error as Error).message}`);
  });
}

type Credentials = Pick<KubeconfigTarget, 'token' | 'cert' | 'key' | 'unsupportedAuth'>;

async function credentials(base: string, user: Record<string, unknown>): Promise<Credentials> {
  for (const way of ['exec', 'auth-provider', 'username']) {
    if (user[way] !== undefined && user[way] !== null) return { unsupportedAuth: way };
  }
  const tokenFile = user.tokenFile;
  const token =
    typeof user.token === 'string'
      ? user.token
      : typeof tokenFile === 'string'
        ? (await bytes(base, tokenFile, undefined))?.toString('utf8').trim()
        : undefined;
  return {
    ...optional('token', token),
    ...optional('cert', await bytes(base, user['client-certificate'], user['client-certificate-data'])),
    ...optional('key', await bytes(base, user['client-key'], user['client-key-data'])),
  };
}
