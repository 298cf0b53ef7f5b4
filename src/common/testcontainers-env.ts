/**
 * Settings testcontainers reads from the environment, applied before the first container starts
 * (a user's own values win):
 * - Ryuk, testcontainers' reaper, is an image from Docker Hub, which these machines cannot pull;
 *   firedrill removes what it started itself, by label.
 * - Every port firedrill publishes is bound to 127.0.0.1, so that is where the host reaches it.
 *   Run inside a container (`/.dockerenv`), testcontainers would otherwise wait on the bridge
 *   gateway's address, where nothing is published.
 */
export function configureTestcontainers(env: NodeJS.ProcessEnv = process.env): void {
  env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
}
