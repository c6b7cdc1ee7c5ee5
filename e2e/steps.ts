/**
 * The steps the end-to-end stories share, so each test reads as its story: a station under test (seeded data,
 * the serve host, a browser), signing in and out, the language, finding a person, starting an intake, accepting
 * and reading the receipt, 立即同步 on the sync panel, looking cases and persons up through the API, and screenshots
 * with accessibility scans.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Person } from '../shared/persons';
import {
  PASSWORD,
  axeSerious,
  ensureRendererBuilt,
  launchBrowser,
  newContext,
  removeDir,
  screenshot,
  seed,
  startServe,
  tempDataDir,
  type AxeViolation,
  type ServeProcess,
} from './harness';

// ---------------------------------------------------------------------------------------------
// The station under test

export interface Station {
  serve: ServeProcess;
  browser: Browser;
  /** One tab, signed out (stories that need a tab per language open their own with `pageIn`). */
  page: Page;
  dataDir: string;
}

/**
 * For the enclosing `describe`: build the renderer when stale, fill a data directory with the demo station
 * (`seedWith`; null leaves it empty — a first run), start the serve host over it, launch Chromium with one tab;
 * all of it stopped and removed after the suite. The fields are set once `beforeAll` has run.
 */
export function stationUnderTest(label: string, seedWith: { persons: number; cases: number } | null, timeoutMs = 180_000): Station {
  const station = {} as Station;
  beforeAll(async () => {
    await ensureRendererBuilt();
    station.dataDir = tempDataDir(label);
    if (seedWith) seed(station.dataDir, seedWith);
    station.serve = await startServe(station.dataDir);
    station.browser = await launchBrowser();
    station.page = await (await newContext(station.browser)).newPage();
    // serve.call acts in the session of the tab that signed in last (each tab signs in on its own).
    station.serve.follow(() => tabSessionOf(lastSignedIn ?? station.page));
  }, timeoutMs);
  afterAll(async () => {
    await station.browser?.close();
    await station.serve?.stop();
    if (station.dataDir) removeDir(station.dataDir);
  });
  return station;
}

/** A new tab (in its own context) whose UI starts in `lang`, as if the settings screen had remembered it. */
export async function pageIn(browser: Browser, lang: 'zh-CN' | 'en'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  await context.addInitScript(`localStorage.setItem('yibao.language', ${JSON.stringify(lang)})`);
  return { context, page: await context.newPage() };
}

// ---------------------------------------------------------------------------------------------
// Signing in and out, the language

/** The tab that signed in last: `serve.call` uses its session. */
let lastSignedIn: Page | null = null;

/** The serve-mode session id a tab keeps (renderer/src/api/token.ts), or null (no page loaded, closed). */
async function tabSessionOf(page: Page): Promise<string | null> {
  if (page.isClosed()) return null;
  return (await page.evaluate(`(() => { try { return sessionStorage.getItem('yibao.tabSession'); } catch { return null; } })()`).catch(() => null)) as string | null;
}

/** Type the user name and password into the sign-in screen on display, and press Enter. */
export async function submitSignIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  lastSignedIn = page;
  await page.locator('#signin-username').fill(username);
  await page.locator('#signin-password').fill(password);
  await page.locator('#signin-password').press('Enter');
}

/** Open the printed URL and sign in through the sign-in screen. */
export async function signIn(page: Page, serve: ServeProcess, username: string, password = PASSWORD): Promise<void> {
  await page.goto(serve.url);
  await submitSignIn(page, username, password);
  await page.locator('.app-header').waitFor();
}

/**
 * Sign out through the header. With intakes typed but not saved, the app asks whether to keep them (sealed) or drop
 * them: `unsaved` answers; a story that did not expect the question fails here.
 */
export async function signOut(page: Page, unsaved?: 'keep' | 'drop'): Promise<{ asked: boolean }> {
  await page.locator('.header-actions button').last().click();
  const signInField = page.locator('#signin-username');
  const keep = page.getByTestId('signout-keep');
  await signInField.or(keep).first().waitFor();
  if (!(await keep.isVisible())) return { asked: false };
  if (!unsaved) throw new Error('sign-out asked about unsaved intakes, which this story did not expect');
  await page.getByTestId(`signout-${unsaved}`).click();
  await signInField.waitFor();
  return { asked: true };
}

/** Type a password into the lock screen and press Enter. */
export async function submitUnlock(page: Page, password: string): Promise<void> {
  await page.locator('#lock-password').fill(password);
  await page.locator('#lock-password').press('Enter');
}

/** Unlock with the right password and wait for the work behind the lock. */
export async function unlock(page: Page, password = PASSWORD): Promise<void> {
  await submitUnlock(page, password);
  await page.locator('.shell').waitFor({ state: 'visible' });
}

/** Switch the UI language the way the settings screen remembers it, and reload. */
export async function useLanguage(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  await page.evaluate(`localStorage.setItem('yibao.language', ${JSON.stringify(lang)})`);
  await page.reload();
  await page.locator(`html[lang="${lang}"]`).waitFor();
  // The page is back when its header (signed in) or the sign-in form shows: keys pressed before that go nowhere.
  await page.locator('.app-header, #signin-password').first().waitFor();
}

// ---------------------------------------------------------------------------------------------
// Finding a person, intake, the receipt

/** Type (or scan) an ID number into the person look-up on screen and press Enter, as the scanner does. */
export async function lookUpPerson(page: Page, idNumber: string): Promise<void> {
  const lookup = page.locator('#person-lookup');
  await lookup.fill(idNumber);
  await lookup.press('Enter');
}

/** Pick the catalog item on the intake's item picker by typing its pinyin initials. */
export async function pickItem(page: Page, initials: string, itemCode: string): Promise<void> {
  await page.locator('#item-search').fill(initials);
  await page.locator(`button[data-item="${itemCode}"]`).click();
}

/** From the person card on screen: "为此人受理业务", then the item. */
export async function startIntakeForShownPerson(page: Page, initials: string, itemCode: string): Promise<void> {
  await page.getByRole('button', { name: '为此人受理业务' }).click();
  await pickItem(page, initials, itemCode);
}

/** Open the intake form of an item for a person directly (the address the receipt's "受理下一笔" leads to). */
export async function openIntake(page: Page, serve: ServeProcess, personId: string, itemCode: string): Promise<void> {
  await page.goto(`${serve.origin}/#/intake?person=${personId}&item=${itemCode}`);
  await page.locator('.intake-form').waitFor();
}

/** Tick materials of the checklist as received. */
export async function tickMaterials(page: Page, codes: readonly string[]): Promise<void> {
  for (const code of codes) await page.locator(`#mat-${code}`).check();
}

/** Press "受理" on the intake form. */
export async function accept(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^受理/ }).click();
}

/** Wait for the receipt and read its case number and text. */
export async function readReceipt(page: Page): Promise<{ caseNo: string; text: string }> {
  const receipt = page.getByTestId('receipt');
  await receipt.waitFor();
  const caseNo = ((await page.getByTestId('receipt-case-no').textContent()) ?? '').trim();
  return { caseNo, text: (await receipt.textContent()) ?? '' };
}

/** Open a case's screen. */
export async function openCase(page: Page, serve: ServeProcess, caseId: string): Promise<void> {
  await page.goto(`${serve.origin}/#/cases/${caseId}`);
  await page.locator('.case-screen').waitFor();
}

// ---------------------------------------------------------------------------------------------
// Sync

/**
 * 立即同步 on the sync panel; waits for this run's result line and returns its level and text. The engine also
 * syncs by itself (after changes, every minute), and the button is disabled while it does: a click that meets a
 * run starting just then is lost, so it is made again once the button is back.
 */
export async function syncNowOnPanel(page: Page): Promise<{ level: string | null; text: string }> {
  // A fresh panel, so the result line waited for is this run's (not the one before, still on screen).
  if (new URL(page.url()).hash === '#/sync') {
    await page.keyboard.press('Alt+1');
    await page.getByTestId('sync-now').waitFor({ state: 'detached' });
  }
  await page.keyboard.press('Alt+6');
  const button = page.getByTestId('sync-now');
  const result = page.getByTestId('sync-result');
  await button.waitFor();
  for (let attempt = 1; ; attempt++) {
    await page.locator('[data-testid="sync-now"]:not([disabled])').waitFor();
    await button.click();
    try {
      await result.waitFor({ timeout: 15_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
  await page.locator('[data-testid="sync-now"]:not([disabled])').waitFor();
  return { level: await result.getAttribute('data-level'), text: (await result.textContent()) ?? '' };
}

// ---------------------------------------------------------------------------------------------
// The API, as the tab calls it (same serve session)

/** A person of the station by ID number (the synthetic roster's, or one registered at the window). */
export async function personByIdNumber(serve: ServeProcess, idNumber: string): Promise<Person> {
  const r = await serve.call('persons.findByIdNumber', { idNumber });
  if (!r.ok || !r.value) throw new Error(`no person ${idNumber}: ${JSON.stringify(r)}`);
  return r.value;
}

/** A case's id from its case number (as printed on the receipt). */
export async function caseIdByNo(serve: ServeProcess, caseNo: string): Promise<string> {
  const r = await serve.call('queue.list', { filter: { q: caseNo }, page: { offset: 0, limit: 1 } });
  const row = r.ok ? r.value.rows[0] : undefined;
  if (!row || row.caseNo !== caseNo) throw new Error(`no case ${caseNo}: ${JSON.stringify(r)}`);
  return row.id;
}

// ---------------------------------------------------------------------------------------------
// Screenshots and accessibility

/** Close the confirmations piled up bottom right (they would cover what a screenshot is meant to show). */
export async function dismissToasts(page: Page): Promise<void> {
  const close = page.locator('.toasts .toast button');
  for (let i = 0; i < 20 && (await close.count()) > 0; i++) await close.first().click();
}

/** Scroll an element to the middle of the window (clear of the sticky header and the form's sticky actions). */
export async function scrollToMiddle(page: Page, selector: string): Promise<void> {
  await page.evaluate(`document.querySelector(${JSON.stringify(selector)}).scrollIntoView({ block: 'center' })`);
}

/**
 * Screenshots of the screens a story passes (e2e/artifacts/screenshots/), each scanned with axe-core; serious
 * and critical violations are collected by screen and asserted once at the end, so one run reports them all.
 */
export class ScreenScans {
  readonly found: Record<string, AxeViolation[]> = {};

  async scan(page: Page, name: string): Promise<void> {
    await page.waitForTimeout(150);
    await screenshot(page, name);
    const v = await axeSerious(page);
    if (v.length > 0) this.found[name] = v;
  }

  expectNone(): void {
    expect(this.found, JSON.stringify(this.found, null, 1)).toEqual({});
  }
}
