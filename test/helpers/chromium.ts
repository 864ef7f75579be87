// Headless Chromium for the tests that open plan's pages: Debian's browser driven by playwright-core,
// which downloads nothing. Where either is missing the tests are skipped, with SKIP_REASON.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Chromium as Debian and Ubuntu install it (`apt-get install chromium`), or where PLAN_CHROMIUM says. */
function findChromium(): string | undefined {
  const names = ['chromium', 'chromium-browser'];
  const candidates = [process.env.PLAN_CHROMIUM, ...(process.env.PATH ?? '').split(path.delimiter).flatMap((dir) => names.map((name) => path.join(dir, name)))];
  return candidates.find((file): file is string => {
    if (!file) return false;
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export const executablePath = findChromium();
// A devDependency: missing only where the packages were installed without it (npm install fetches it).
export const playwright = await import('playwright-core').catch(() => undefined);
export const runnable = executablePath !== undefined && playwright !== undefined;
export const SKIP_REASON = !executablePath
  ? 'Chromium is not installed: install it (apt-get install chromium) or set PLAN_CHROMIUM to its path'
  : 'playwright-core is not installed: run npm install';

// The network is closed where the tests run: Chromium must not try to reach Google's services.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
