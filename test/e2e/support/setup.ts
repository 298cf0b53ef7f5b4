// Runs before every e2e test file (vitest `setupFiles`): the tests start containers through
// testcontainers too, on the same terms as firedrill (no Ryuk; ports reached on 127.0.0.1).
import { configureTestcontainers } from '../../../src/common/testcontainers-env.js';

configureTestcontainers();
