import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { announceSkip, ARTIFACTS, axeSerious, newContext, pdfText, residentId, screenshot, step, todayShanghai } from './harness';
import { accept, readReceipt, signIn, startIntakeForShownPerson, stationUnderTest, tickMaterials, lookUpPerson } from './steps';
import { defaultCalendar } from '../shared/calendar';

const skip = announceSkip('front');

/**
 * The front office with three pages (issue 15): the kiosk, the clerk's workstation, the customer display of window 1.
 * Two normal tickets and a priority one (a 70+ ID card at the kiosk); F2 calls the priority one first; the display
 * changes and asks for the Mandarin announcement; a case taken in meanwhile is linked to the ticket; the citizen
 * gives a bad rating with reasons on the display; the supervisor sees the follow-up with its due dates on the
 * working calendar, records 回访 and 整改; and the day's figures change.
 */

/** Speech synthesis as a system with a zh-CN voice has it, recording what the page asks it to say. */
const FAKE_SPEECH = `(() => {
  window.__spoken = [];
  const voice = { lang: 'zh-CN', name: 'Test Mandarin', localService: true, default: true, voiceURI: 'test-zh' };
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.rate = 1; } };
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
    getVoices: () => [voice], cancel: () => {}, speak: (u) => window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }),
  } });
})()`;

const KPI = (page: Page, key: string) => page.getByTestId(`kpi-${key}`).locator('.kpi-value').textContent();

describe.skipIf(skip)('front office: kiosk, calling, display, rating, follow-up, figures', () => {
  const station = stationUnderTest('front', { persons: 20, cases: 0 });

  it('runs a visit from the kiosk to the day’s figures', { timeout: 240_000 }, async () => {
    const { page: sup, serve, browser } = station;
    // — the supervisor: the day before anything happened, then the credentials of the display (window 1) and the kiosk.
    await step(sup, 'front-supervisor-setup', async () => {
      await signIn(sup, serve, 'admin');
      await sup.keyboard.press('Alt+0');
      await sup.getByTestId('figures').waitFor();
      expect(await KPI(sup, 'issued')).toBe('0');
      await sup.keyboard.press('Alt+9');
      await sup.locator('#device-name').waitFor();
    });
    const issue = async (kind: 'display' | 'kiosk', name: string, windowNo: string | null) => {
      await sup.locator('#device-kind').selectOption(kind);
      await sup.locator('#device-name').fill(name);
      if (windowNo) await sup.locator('#device-window').selectOption(windowNo);
      await sup.getByRole('button', { name: '生成设备密钥' }).click();
      const link = sup.locator(`[data-testid="device-link"][href*="/${kind}#"]`);
      await link.waitFor();
      const href = (await link.getAttribute('href')) ?? '';
      const key = (await sup.getByTestId('device-key').textContent()) ?? '';
      expect(href).toContain(`/${kind}#token=`);
      expect(href).toContain(`device=${key}`);
      return href;
    };
    const displayLink = await step(sup, 'front-issue-display', () => issue('display', '1号窗口评价器', '1'));
    const kioskLink = await step(sup, 'front-issue-kiosk', () => issue('kiosk', '大厅取号机', null));

    // — the display of window 1 and the kiosk, each in its own browser context (its own tab session).
    const displayContext = await newContext(browser);
    await displayContext.addInitScript(FAKE_SPEECH);
    const display = await displayContext.newPage();
    await display.goto(displayLink);
    await step(display, 'front-display-open', async () => {
      await display.getByText('请耐心等候叫号').waitFor();
      // The key and token left the address bar.
      expect(display.url()).not.toContain('device=');
    });
    const kiosk = await (await newContext(browser)).newPage();
    await kiosk.goto(kioskLink);

    // — two normal tickets and a priority one (a 70+ ID card read at the kiosk).
    const numbers: string[] = [];
    await step(kiosk, 'front-kiosk', async () => {
      for (const idNumber of ['', '', residentId('1950-06-01', 31)]) {
        await kiosk.locator('#kiosk-id').fill(idNumber);
        await kiosk.getByRole('button', { name: /参保登记/ }).click();
        const slip = kiosk.getByTestId('ticket-slip');
        await slip.waitFor();
        numbers.push(((await slip.locator('.slip-number').textContent()) ?? '').trim());
        if (idNumber) {
          expect(await slip.textContent()).toContain('绿色通道：70岁以上老人');
          expect(await slip.textContent()).toContain('您前面还有 0 人');
          await screenshot(kiosk, 'front-kiosk-ticket');
          // The receipt printer's paper: the print CSS puts the slip on an 80 mm page (named page ticket80).
          const pdfPath = join(ARTIFACTS, 'front-ticket-80mm.pdf');
          await kiosk.pdf({ path: pdfPath, preferCSSPageSize: true });
          const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(spawnSync('pdfinfo', [pdfPath], { encoding: 'utf8' }).stdout);
          expect(Math.round(Number(size?.[1]) / 72 * 25.4)).toBe(80);
          expect(pdfText(pdfPath)).toContain('A003');
        }
        await kiosk.getByRole('button', { name: '完成' }).click();
      }
      expect(numbers).toEqual(['A001', 'A002', 'A003']);
      await screenshot(kiosk, 'front-kiosk');
      expect(await axeSerious(kiosk)).toEqual([]);
    });
    // The display counts them.
    await display.getByTestId('waiting-A').filter({ hasText: '3 人' }).waitFor();

    // — the clerk: window 1 in the calling bar, F2 calls the priority ticket first.
    const clerkContext = await newContext(browser);
    const clerk = await clerkContext.newPage();
    await step(clerk, 'front-clerk-call', async () => {
      await signIn(clerk, serve, 'clerk1');
      await clerk.getByLabel('选择您所在的窗口').selectOption('1');
      await clerk.keyboard.press('F2');
      await clerk.getByTestId('calling-serving').filter({ hasText: 'A003' }).waitFor();
      expect(await clerk.getByTestId('calling-serving').textContent()).toContain('70岁以上老人');
    });

    // — the display shows it and asks for the announcement in Mandarin, the text on screen at the same time.
    await step(display, 'front-display-call', async () => {
      await display.getByTestId('display-latest').filter({ hasText: 'A003' }).waitFor({ timeout: 5000 });
      const text = '请 A003 号 到 1 号窗口 办理';
      await display.getByTestId('display-announcement').filter({ hasText: text }).waitFor();
      expect(await display.getByTestId('display-announcement').getAttribute('data-via')).toBe('speech');
      const spoken = (await display.evaluate('window.__spoken')) as { text: string; lang: string }[];
      expect(spoken.map((s) => s.text)).toContain(text);
      expect(spoken.every((s) => s.lang === 'zh-CN')).toBe(true);
      await screenshot(display, 'front-display-call');
      expect(await axeSerious(display)).toEqual([]);
    });

    // — a case taken in while A003 is served: linked to the ticket (一窗通办).
    let caseNo = '';
    await step(clerk, 'front-intake', async () => {
      const id = residentId('1950-06-01', 31);
      await clerk.keyboard.press('Alt+2');
      await clerk.locator('#person-lookup').waitFor();
      await lookUpPerson(clerk, id);
      await clerk.locator('#np-name').fill('张三兰');
      await clerk.locator('#np-phone').fill('13912340000');
      await clerk.getByRole('button', { name: '登记', exact: true }).click();
      await clerk.getByTestId('person-card').waitFor();
      await startIntakeForShownPerson(clerk, 'cxjmcb', 'resident_enrollment');
      await clerk.locator('#f-enrollmentYear').fill(String(new Date().getFullYear() + 1));
      await clerk.locator('#f-personCategory').selectOption('adult');
      await clerk.locator('#f-contributionTier').selectOption('tier1');
      await clerk.locator('#f-hardshipGroup').selectOption('none');
      await clerk.locator('#f-residenceBasis').selectOption('hukou');
      await clerk.locator('#f-regionCode').fill('371002');
      await tickMaterials(clerk, ['valid_id']);
      await accept(clerk);
      caseNo = (await readReceipt(clerk)).caseNo;
      await clerk.getByTestId('calling-serving').filter({ hasText: caseNo }).waitFor();
      await screenshot(clerk, 'front-calling-bar');
      expect(await axeSerious(clerk)).toEqual([]);
      // 办结 (F6): the served ticket asks window 1's display for the rating.
      await clerk.keyboard.press('F6');
      await clerk.getByTestId('calling-serving').filter({ hasText: '当前没有正在办理的号' }).waitFor();
    });

    // — the citizen rates on the display: 非常不满意, with reasons.
    await step(display, 'front-rating', async () => {
      const pad = display.getByRole('dialog', { name: '请您对本次服务进行评价' });
      await pad.waitFor();
      expect(await pad.textContent()).toContain('A003');
      expect(await pad.textContent()).toContain(caseNo);
      await pad.getByRole('button', { name: '非常不满意' }).click();
      // Reasons are required for a bad rating: refused without them, nothing given.
      await pad.getByRole('button', { name: '提交评价' }).click();
      await pad.getByRole('alert').filter({ hasText: '请选择不满意的原因' }).waitFor();
      await pad.getByLabel('态度').check();
      await pad.getByLabel('效率').check();
      await pad.locator('#rating-comment').fill('等候时间太长');
      await screenshot(display, 'front-display-rating');
      expect(await axeSerious(display)).toEqual([]);
      await pad.getByRole('button', { name: '提交评价' }).click();
      await display.getByText('感谢您的评价！').waitFor();
    });
    // The clerk's own session cannot rate.
    const own = await clerk.evaluate(`(async () => {
      const r = await fetch('/api/ratings.submit', { method: 'POST', headers: { 'content-type': 'application/json', 'x-session-token': sessionStorage.getItem('yibao.sessionToken'), 'x-tab-session': sessionStorage.getItem('yibao.tabSession') }, body: JSON.stringify({ level: 5 }) });
      return (await r.json()).error.code;
    })()`);
    expect(own).toBe('forbidden');

    // — the supervisor: the follow-up with its due dates on the working calendar; 回访, then 整改.
    await step(sup, 'front-followup', async () => {
      const day = todayShanghai();
      const visitDue = defaultCalendar.addWorkingDays(day, 1).date;
      const rectifyDue = defaultCalendar.addWorkingDays(day, 15).date;
      await sup.goto(`${serve.origin}/#/followups`);
      const card = sup.getByTestId('followup');
      await card.waitFor();
      expect(await card.textContent()).toContain('非常不满意');
      expect(await card.textContent()).toContain('态度、效率');
      expect(await card.getByTestId('visit-due').textContent()).toContain(`${visitDue} 前`);
      expect(await card.getByTestId('rectify-due').textContent()).toContain(`${rectifyDue} 前`);
      await screenshot(sup, 'front-followup-open');
      await card.getByLabel('回访情况').fill('电话回访，已向群众致歉并说明高峰期安排');
      await card.getByRole('button', { name: '记录回访' }).click();
      await card.getByLabel('整改情况').waitFor();
      await card.getByLabel('整改情况').fill('高峰期增开2号窗口，增设引导员');
      await card.getByRole('button', { name: '记录整改' }).click();
      await sup.getByText('没有需要回访整改的差评').waitFor();
      await sup.getByRole('tab', { name: /全部/ }).click();
      await sup.getByTestId('followup').filter({ hasText: '已办结' }).waitFor();
    });

    // — the day's figures have changed.
    await step(sup, 'front-figures', async () => {
      await sup.keyboard.press('Alt+0');
      await sup.getByTestId('figures').waitFor();
      await sup.getByTestId('kpi-issued').filter({ hasText: '3' }).waitFor();
      expect(await KPI(sup, 'takenIn')).toBe('1');
      expect(await KPI(sup, 'satisfaction')).toBe('0.0%');
      expect(await KPI(sup, 'followUps')).toBe('0');
      expect(await sup.getByTestId('kpi-issued').textContent()).toContain('办结 1');
      await sup.locator('.chart svg').first().waitFor();
      await screenshot(sup, 'front-figures');
      expect(await axeSerious(sup)).toEqual([]);
    });
  });
});
