import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/document-client';
import { DynamoTaskThread } from '../../../shared/adapters/dynamodb/intake-repository';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { issueFormLink } from '../../../shared/use-cases/roster';
import { aClient } from '../../support/builders';
import { eventually, sentTo, uniqueDomain } from '../../support/mail';

/** Debian's Chromium (installed by .ci/run); the browser is never downloaded. */
const chromiumPath = () => {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error('Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)');
  }
};

describe('web form in a real browser', () => {
  const api = inject('localUrls').httpApi;
  const db = createDocumentClient();
  const table = process.env.TABLE_NAME ?? '';
  const clients = new DynamoClientRepository(db, table);
  const tasks = new DynamoTaskRepository(db, table);
  const thread = new DynamoTaskThread(db, table);
  let browser: Browser;
  let token: string;
  let domain: string;
  let clientId: string;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    });
    domain = uniqueDomain();
    const client = aClient({
      id: `cli_${domain.slice(1, 9).toUpperCase()}`,
      emails: [`jana@${domain}`],
      contactName: 'Jana Roth',
    });
    await clients.create(client);
    clientId = client.id;
    token = await issueFormLink(client.id, {
      clients,
      runtime: { now: () => new Date(), randomBytes: (n) => randomBytes(n) },
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    db.destroy();
  });

  it('works without JavaScript: errors first, then a stored task, its file and the confirmation mail', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(`${api}/submit?k=${token}`);
    expect(await page.locator('h1').textContent()).toBe('Neuen Auftrag einreichen');

    await page.getByRole('button', { name: 'Auftrag absenden' }).click();
    await page.waitForLoadState();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Bitte prüfen Sie diese Angaben:');
    expect(await page.getByLabel('Titel').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Beschreibung').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Titel').fill('Präsentation für die Messe');
    await page
      .getByLabel('Beschreibung')
      .fill('Bitte aus den angehängten Notizen zehn Folien machen, im Firmendesign.');
    await page.getByLabel('Art der Arbeit').selectOption('presentations');
    await page.getByLabel('Frist').fill('2031-03-14T12:00');
    await page.getByLabel('Geschätzter Aufwand').selectOption('120');
    await page.getByLabel('Anhänge').setInputFiles({
      name: 'Notizen Messe.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Stand A3, 10 Folien'),
    });
    await page.getByRole('button', { name: 'Auftrag absenden' }).click();
    await page.waitForLoadState();

    expect(await page.locator('h1').textContent()).toBe('Danke! Ihr Auftrag ist eingegangen.');
    const reference = (await page.locator('.ref').textContent()) ?? '';
    expect(reference).toMatch(/^VA-[0-9A-Z]{6}$/);
    const task = await tasks.get(reference);
    expect(task).toMatchObject({
      clientId,
      source: 'form',
      status: 'ROUTING',
      effortMinutes: 120,
      deadline: '2031-03-14T11:00:00.000Z',
    });
    expect(task?.skills[0]?.skill).toBe('presentations');
    const [message] = await thread.list(reference);
    expect(message?.attachmentKeys).toEqual([
      expect.stringMatching(/uploads\/[0-9a-f]{32}\/0-Notizen_Messe\.txt$/),
    ]);

    const mail = await eventually(async () => (await sentTo(domain))[0]);
    expect(mail.subject).toBe(`[${reference}] Präsentation für die Messe`);
    expect(mail.body.text).toContain('wir haben Ihren Auftrag erhalten');
    await context.close();
  });

  it('switches to English and fits a phone screen', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(`${api}/submit?k=${token}`);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForLoadState();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Submit a new task');
    // A string keeps DOM types out of the Node project; it runs in the page.
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
