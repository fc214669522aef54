import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Debian's headless Chromium on the app, signed in as the backend's guest user.
 * The first loads compile and fetch a large bundle, so actions wait up to 2 min.
 * The dev server's live-reload socket is answered by no one: other work in the
 * same tree rebuilding the app must not reload a page mid-test (and reset a
 * half-filled form).
 */
export async function openSignedInPage(
  appUrl: string,
  viewport?: { width: number; height: number },
): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
    ],
  });
  const page = await browser.newPage(viewport ? { viewport } : undefined);
  page.setDefaultTimeout(120_000);
  await page.routeWebSocket(/\/ws$/, () => undefined);
  await page.goto(appUrl);
  // Guest sign-in; the app remembers it, so later page loads sign in by themselves.
  await page.getByRole('button', { name: /enter/i }).click();
  await page.getByRole('link', { name: 'Catalog' }).first().waitFor();
  return { browser, page };
}
