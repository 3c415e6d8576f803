// The real МЭДК for one browser test file: the API server with the built web app (web/build) on a free
// loopback port, over the run's database (global-setup.ts), and Debian's chromium driven by playwright-core.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createPrisma, type DB } from "../../../api/src/db.ts";
import { buildApp, type App } from "../../../api/src/app.ts";
import { cloneDatabase } from "../../testkit/database.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
export const CHROMIUM = "/usr/bin/chromium";
export const DEMO_PASSWORD = "demo-password";
export const SCREENSHOTS = join(root, "test-artifacts/screenshots");

export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 375, height: 740 };

export interface E2E {
  url: string;
  /** This file's own copy of the demo world (see cloneDatabase). */
  databaseUrl: string;
  app: App;
  db: DB;
  browser: Browser;
  /** A fresh browser context (own cookies) and page at `viewport` (default 1280×800). */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  stop(): Promise<void>;
}

/** Starts the app and the browser; call in `beforeAll`, and `stop()` in `afterAll`. */
export async function startE2E(): Promise<E2E> {
  const templateUrl = process.env.MEDK_E2E_DATABASE_URL;
  if (!templateUrl) throw new Error("MEDK_E2E_DATABASE_URL is not set: run through `vitest --project e2e`");
  if (!existsSync(join(root, "web/build/handler.js"))) {
    throw new Error("web/build is missing: run `pnpm --filter @medk/web build` before the browser tests");
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);

  const contexts: BrowserContext[] = [];
  // Journeys change the world (new years, imported schools, renamed people): each file works on its own copy.
  const clone = await cloneDatabase(templateUrl, "e2e");
  const databaseUrl = clone.url;
  const db = createPrisma(databaseUrl, { poolSize: 5 });
  let app: App | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await app?.stop().catch(() => {});
    await db.$disconnect().catch(() => {});
    await clone.drop().catch(() => {});
  };
  try {
    app = buildApp({ db, web: true });
    const { url } = await app.start(0, "127.0.0.1");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const b = browser;
    return {
      url,
      databaseUrl,
      app,
      db,
      browser: b,
      async newPage(viewport = DESKTOP) {
        const context = await b.newContext({ baseURL: url, viewport, locale: "ru-RU", timezoneId: "Asia/Chita" });
        contexts.push(context);
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        return page;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Signs in through the login form and waits for the role's home to load. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Пароль", { exact: true }).fill(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", { name: "Войти" }).click()]);
  await page.getByRole("heading", { level: 1 }).waitFor();
}

/** Saves a full-page screenshot to test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Registers beforeAll/afterAll for a test file; the returned getter gives the running app. */
export function useE2E(): () => E2E {
  let e2e: E2E | undefined;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });
  return () => {
    if (!e2e) throw new Error("the app did not start");
    return e2e;
  };
}

/** Relay global id, as the API encodes it. */
export const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

/** The visible text of the page's main region (what a user reads, without the shell). */
export const mainText = (page: Page) => page.locator("main").innerText();

type SocketWindow = { __sockets: WebSocket[] };

/** Records the page's WebSockets (call before the first navigation), so tests can wait for or cut them. */
export async function trackSockets(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const sockets: WebSocket[] = [];
    (window as unknown as SocketWindow).__sockets = sockets;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    } as typeof WebSocket;
  });
}

/** Waits until the page holds an open live (graphql-ws) connection. */
export async function waitLive(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as SocketWindow).__sockets.some((s) => s.readyState === WebSocket.OPEN));
}

/** Closes the page's live connections from the client side, as a network drop would. */
export async function dropLive(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const s of (window as unknown as SocketWindow).__sockets) s.close(4000, "network drop");
  });
}

/** How many of the page's live connections are open. */
export const openSockets = (page: Page) => page.evaluate(() => (window as unknown as SocketWindow).__sockets.filter((s) => s.readyState === WebSocket.OPEN).length);

/** The shell's «who is signed in» block: name, role and territory (at desktop width). */
export const viewerInfo = (page: Page) => page.getByTestId("viewer");

/**
 * Opens a section from the header's menu. Sections of a group («Мониторинг», «Управление», «Поддержка»)
 * sit behind the group's button on wide screens: it is pressed first when the link is not shown.
 */
export async function openSection(page: Page, name: string): Promise<void> {
  const nav = page.getByRole("navigation", { name: "Разделы" });
  const link = nav.getByRole("link", { name, exact: true, includeHidden: true });
  if (!(await link.isVisible()))
    await nav
      .locator("li.group")
      .filter({ has: page.getByRole("link", { name, exact: true, includeHidden: true }) })
      .getByRole("button")
      .click();
  await link.click();
}
