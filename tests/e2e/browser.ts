import fs from 'node:fs';
import path from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

export const BASE = () => process.env.E2E_BASE_URL as string;
/** A laptop's screen: what an editor sees without scrolling is asserted at this size. */
export const LAPTOP = { width: 1440, height: 900 };
const SCREENSHOTS = path.resolve(__dirname, 'screenshots');

export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

export const screenshot = async (page: Page, name: string) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
};

/** The guided tour and the "what's new" banner of a first login cover the page. */
export const dismissOverlays = async (page: Page) => {
  const skip = page.getByRole('button', { name: /^skip$/i });
  if (await skip.count()) await skip.first().click({ timeout: 2000 }).catch(() => undefined);
  // Strapi's media-library banner, in whichever admin language: found by its links (its text is
  // translated); its own close button is the one button of its bar.
  const link = page.locator('a[href^="https://docs.strapi.io/cms/features/media-library"], a[href^="https://strapi.io/blog/"]').first();
  if (await link.count()) {
    const close = link.locator('xpath=ancestor::div[.//button][1]').locator('button').last();
    await close.click({ timeout: 2000 }).catch(() => undefined);
  }
};

export const login = async (page: Page, email = process.env.E2E_ADMIN_EMAIL as string, password = process.env.E2E_ADMIN_PASSWORD as string) => {
  await page.goto(`${BASE()}/admin/auth/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /login/i }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/admin') && !url.pathname.includes('/auth/'));
  await page.waitForTimeout(500);
  await dismissOverlays(page);
};

export const api = async (pathname: string) => {
  const res = await fetch(`${BASE()}${pathname}`);
  return { status: res.status, body: (await res.json()) as any };
};

export type ApiCall = (method: string, pathname: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** JSON requests with a bearer token: the admin API with an admin's session, the content API with an API token. */
export const withToken =
  (token: () => string): ApiCall =>
  async (method, pathname, body) => {
    const res = await fetch(`${BASE()}${pathname}`, {
      method,
      headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };

/** An admin's session token for the admin API (the e2e super admin unless told otherwise). */
export const adminSessionToken = async (email = process.env.E2E_ADMIN_EMAIL as string, password = process.env.E2E_ADMIN_PASSWORD as string): Promise<string> => {
  const res = await fetch(`${BASE()}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return ((await res.json()) as any).data.token;
};

/** A new full-access API token for the content API, made through the admin API. */
export const fullAccessToken = async (adminApi: ApiCall, name: string): Promise<string> =>
  (await adminApi('POST', '/admin/api-tokens', { name: `${name}-${Date.now()}`, type: 'full-access', lifespan: null, description: name })).body.data.accessKey;

export const editUrl = (documentId: string, locale: string) =>
  `${BASE()}/admin/content-manager/collection-types/api::article.article/${documentId}?plugins[i18n][locale]=${locale}`;
