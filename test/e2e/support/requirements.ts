import { describe, it } from 'vitest';

/**
 * CI sets FIREDRILL_REQUIRE_DOCKER=1: there everything the suite can use must be installed, and a
 * missing engine or tool fails the tests that need it instead of skipping them.
 */
export const everythingRequired = process.env.FIREDRILL_REQUIRE_DOCKER === '1';

/**
 * `describe` for suites that need something this machine may lack (`missing` says what and how
 * to install it, or is undefined when it is there). Without it the suite is skipped with the
 * reason in its name; when everything is required, it is replaced by one failing test that says
 * why (its hooks never run, so nothing tries to use what is missing).
 */
export function describeWhenPresent(
  missing: string | undefined,
  name: string,
  suite: () => void,
  required: boolean = everythingRequired,
): void {
  if (!missing) describe(name, suite);
  else if (required)
    describe(name, () => {
      it(`needs what is missing (FIREDRILL_REQUIRE_DOCKER=1): ${missing}`, () => {
        throw new Error(missing);
      });
    });
  else {
    // The reporter lists skipped suites without their names: say why here, once per suite.
    process.stderr.write(`skipped "${name}": ${missing}\n`);
    describe.skip(`${name} (skipped: ${missing})`, suite);
  }
}
