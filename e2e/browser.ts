/** Debian's Chromium driven by playwright-core (browsers cannot be downloaded here). */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].filter((p): p is string => Boolean(p));

export async function launchChromium(): Promise<Browser> {
  const executablePath = CANDIDATES.find(p => existsSync(p));
  if (!executablePath)
    throw new Error(
      "Chromium not found: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH",
    );
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Page errors and console errors (React's deprecation warnings aside), for assertions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(`page error: ${e.message}`));
  page.on('console', m => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // Failed requests are reported below with their URL instead.
    if (
      /findDOMNode is deprecated|React Router Future Flag|Failed to load resource/.test(
        text,
      )
    )
      return;
    errors.push(`console: ${text.slice(0, 500)}`);
  });
  page.on('response', res => {
    if (res.status() < 400) return;
    // The dev app's guest sign-in first asks the auth backend, which the standalone
    // lakehouse backend does not include; it then uses the local guest identity.
    if (new URL(res.url()).pathname.startsWith('/api/auth/')) return;
    errors.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  return errors;
}
