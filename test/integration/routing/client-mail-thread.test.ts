import { describe, expect, it } from 'vitest';
import { DynamoOutbox } from '../../../shared/adapters/dynamodb/outbox';
import { SesMailer, sesMessageId } from '../../../shared/adapters/ses/ses-mailer';
import { messageIdFor } from '../../../shared/mail/outbound';
import type { Mailer, OutboundMail } from '../../../shared/ports/mailer';
import { sendWorkflowMail } from '../../../shared/use-cases/routing/mail';
import { createTestTable } from '../../support/emulators';

const AT = () => new Date('2026-11-25T09:00:00Z');
const config = {
  agencyName: 'Agentur Muster',
  senderAddress: 'Agentur Muster <auftrag@agency.example>',
  mailDomain: 'agency.example',
  publicBaseUrl: 'https://api.agency.example',
  operatorEmail: 'ops@agency.example',
  operatorLanguage: 'de' as const,
};
const content = (subject: string) => ({ subject, text: subject, html: `<p>${subject}</p>` });

/** Replaces our Message-ID on the way out, as SES does, and records what it was given. */
class RewritingMailer implements Mailer {
  sent: OutboundMail[] = [];
  async send(mail: OutboundMail) {
    this.sent.push(mail);
    return `ses-${this.sent.length}`;
  }
  async deliveredMessageId(providerId: string) {
    return sesMessageId(providerId, 'eu-central-1');
  }
}

describe('client mail on the thread of a task', () => {
  it('knows the Message-ID SES put on a mail it sent', async () => {
    const { db, tableName } = await createTestTable();
    const outbox = new DynamoOutbox(db, tableName, new SesMailer(), AT);
    expect(await outbox.deliveredMessageIdOf('ack:VA-THR001')).toBeUndefined();
    await outbox.send('ack:VA-THR001', {
      from: config.senderAddress,
      to: 'karin@firma.example',
      subject: 'Auftrag erhalten',
      text: 't',
      html: '<p>t</p>',
      messageId: messageIdFor('ack:VA-THR001', config.mailDomain),
    });
    const providerId = (await outbox.providerIdOf('ack:VA-THR001')) ?? '';
    expect(providerId).not.toBe('');
    expect(await outbox.deliveredMessageIdOf('ack:VA-THR001')).toBe(sesMessageId(providerId, 'eu-central-1'));
  });

  it('answers the acknowledgement by the Message-ID the client saw, and names ours in References', async () => {
    const { db, tableName } = await createTestTable();
    const mailer = new RewritingMailer();
    const outbox = new DynamoOutbox(db, tableName, mailer, AT);
    const deps = { outbox, config };
    const ours = messageIdFor('ack:VA-THR002', config.mailDomain);

    // Before the acknowledgement has gone out, only our own id is known.
    await sendWorkflowMail(deps, 'early:VA-THR002', 'karin@firma.example', content('Früh'), {
      taskId: 'VA-THR002',
    });
    expect(mailer.sent[0]).toMatchObject({ inReplyTo: ours, references: [ours] });

    // Intake sends the acknowledgement; any mail under its ref stands in for it here.
    await sendWorkflowMail(deps, 'ack:VA-THR002', 'karin@firma.example', content('Auftrag erhalten'));
    await sendWorkflowMail(deps, 'taken:VA-THR002', 'karin@firma.example', content('Übernommen'), {
      taskId: 'VA-THR002',
    });
    expect(mailer.sent[2]).toMatchObject({
      inReplyTo: 'ses-2@eu-central-1.amazonses.com',
      references: [ours, 'ses-2@eu-central-1.amazonses.com'],
    });
  });
});
