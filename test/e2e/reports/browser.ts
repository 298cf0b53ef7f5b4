import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describeWhenPresent } from '../support/requirements.js';

/**
 * Debian's chromium, installed by scripts/setup-env.sh (playwright-core downloads no browser);
 * FIREDRILL_CHROMIUM names another binary (or a missing one, to check the suite without a browser).
 */
export const chromiumPath = process.env.FIREDRILL_CHROMIUM || '/usr/bin/chromium';

/** CI (FIREDRILL_REQUIRE_DOCKER=1, or FIREDRILL_REQUIRE_BROWSER=1) fails without the browser instead of skipping. */
const browserRequired =
  process.env.FIREDRILL_REQUIRE_DOCKER === '1' || process.env.FIREDRILL_REQUIRE_BROWSER === '1';

const browserMissing = existsSync(chromiumPath)
  ? undefined
  : `Debian's chromium is not installed at ${chromiumPath} (install it: sudo bash scripts/setup-env.sh)`;

/** `describe` for suites that drive Chromium: skipped without it, failing when it is required. */
export function describeWithBrowser(name: string, suite: () => void): void {
  describeWhenPresent(browserMissing, name, suite, browserRequired);
}

export interface OpenedPage {
  page: Page;
  /** Every request the page made, file:// included (a self-contained report makes exactly one). */
  requests: string[];
  /** Console errors and uncaught page errors (a blocked resource or a CSP violation shows here). */
  errors: string[];
  /** Dialogs that opened (an injected alert() would). */
  dialogs: string[];
  close(): Promise<void>;
}

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Opens a local HTML file in a fresh headless Chromium profile and records what the page does. */
export async function openPage(file: string): Promise<OpenedPage> {
  const profile = mkdtempSync(join(tmpdir(), 'firedrill-chromium-'));
  // launchPersistentContext is how Playwright takes a --user-data-dir: a fresh one per page.
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args,
    viewport: { width: 1200, height: 900 },
  });
  const opened: OpenedPage = {
    page: context.pages()[0] ?? (await context.newPage()),
    requests: [],
    errors: [],
    dialogs: [],
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  context.on('request', (request) => opened.requests.push(request.url()));
  // Anything that is not the file itself would leave the machine: refuse it (and it is recorded above).
  await context.route(/^(?!file:)/, (route) => route.abort());
  opened.page.on('console', (message) => {
    if (message.type() === 'error') opened.errors.push(message.text());
  });
  opened.page.on('pageerror', (error) => opened.errors.push(error.message));
  opened.page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await opened.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return opened;
}
