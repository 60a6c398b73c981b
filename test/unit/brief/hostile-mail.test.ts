import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBrief } from '../../../shared/domain/brief/parse-brief';
import { originOf, parseInboundMessage } from '../../../shared/mail/inbound-message';
import { acknowledgementMail } from '../../../shared/mail/intake-templates';
import { hostileMail } from '../../support/hostile-mail';

/**
 * 10,000 broken or hostile mails through every pure step intake takes. None may throw; every brief
 * stays within its bounds; no markup from the mail survives into HTML va-router renders. (The text
 * may hold markup the sender typed, or that a broken mail carries as plain text; it is only ever
 * shown escaped.)
 */
describe('hostile mail through the pure intake steps', () => {
  it('never throws, never lets markup through, keeps every field in bounds', async () => {
    await fc.assert(
      fc.asyncProperty(hostileMail, async (raw) => {
        const mail = await parseInboundMessage(raw);
        expect(mail.contentHash).toMatch(/^[0-9a-f]{64}$/);
        const origin = originOf(mail);
        expect(['person', 'bounce', 'auto-reply', 'bulk']).toContain(origin.kind);
        const brief = parseBrief({
          subject: mail.subject,
          body: mail.text,
          now: new Date('2026-11-25T09:00:00Z'),
          timeZone: 'Europe/Berlin',
          fallbackLanguage: 'de',
        });
        expect(brief.title.length).toBeLessThanOrEqual(120);
        expect(brief.title.length).toBeGreaterThan(0);
        if (brief.deadline) expect(Number.isNaN(Date.parse(brief.deadline.at))).toBe(false);
        if (brief.effortMinutes !== undefined) expect(brief.effortMinutes).toBeLessThanOrEqual(60 * 80);
        const ack = acknowledgementMail({
          language: brief.language,
          agency: { name: 'A' },
          clientName: 'K',
          taskId: 'VA-AAAAAA',
          brief,
          timeZone: 'Europe/Berlin',
        });
        expect(ack.html).not.toMatch(/<script|<img src=x/i);
      }),
      { numRuns: 10_000 },
    );
  }, 300_000);
});
