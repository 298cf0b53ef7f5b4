// Runs before every e2e test file (vitest `setupFiles`).
// Ryuk, testcontainers' reaper, is an image from Docker Hub, and these machines reach no
// registry; the tests clean up after themselves in afterAll and label what they create instead.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
