// Runs before every e2e test file (vitest `setupFiles`): the tests start containers through
// testcontainers too, on the same terms as firedrill (no Ryuk; ports reached on 127.0.0.1).
import { configureTestcontainers } from '../../../src/common/testcontainers-env.js';

configureTestcontainers();
// Each CLI run of a test has its own working directory: its run state goes there
// (`<cwd>/.firedrill/runs`), not into the user's state directory shared by every run.
process.env.FIREDRILL_STATE_DIR ??= '.firedrill';
