import { describe, expect, it } from 'vitest';
import { adjustSettlement } from '../../../shared/domain/billing/adjustment';
import { composeInvoice, finalizeInvoice } from '../../../shared/domain/billing/invoice';
import { composePayout } from '../../../shared/domain/billing/payout';
import { settle } from '../../../shared/domain/billing/settlement';
import { parseBrief } from '../../../shared/domain/brief/parse-brief';
import type { Language } from '../../../shared/domain/common';
import {
  billingReceivedMail,
  clientBillingToOperatorMail,
  relayHeldMail,
  relayToClientMail,
  relayToVaMail,
  vaAboutOtherTaskMail,
  vaToOperatorMail,
  vaUnmatchedMail,
} from '../../../shared/mail/conversation-templates';
import { operatorDigestMail } from '../../../shared/mail/digest-templates';
import { confirmationMail } from '../../../shared/mail/form-templates';
import { givenBackClientMail, givenBackOperatorMail } from '../../../shared/mail/give-back-templates';
import { acknowledgementMail, clarificationMail } from '../../../shared/mail/intake-templates';
import {
  cancelledClientMail,
  detailsChangedClientMail,
  detailsChangedVaMail,
  takenAwayVaMail,
} from '../../../shared/mail/operator-change-templates';
import {
  assignedClientMail,
  assignedVaMail,
  completedClientMail,
  escalationMail,
  offerMail,
  packageLowMail,
} from '../../../shared/mail/routing-templates';
import { invoiceMail, paymentReminderMail, payoutMail } from '../../../shared/mail/statement-templates';
import { withdrawnClientMail, withdrawnOperatorMail } from '../../../shared/mail/withdraw-templates';
import { formPage } from '../../../shared/web/form-pages';
import { donePage, giveBackPage, offerPage, withdrawPage } from '../../../shared/web/link-pages';
import { aClient, aSeller, aTask } from '../../support/builders';

/** What a hostile client (or VA) might write in any field va-router ever shows. */
const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & 'single'`;

/** Every HTML va-router renders from client or VA text, in both languages, with that text in it. */
const everyHtml = (language: Language): Array<[string, string]> => {
  const now = new Date('2026-11-23T08:00:00Z');
  const task = aTask({
    title: HOSTILE.slice(0, 200),
    description: HOSTILE,
    completionNote: HOSTILE,
    workedMinutes: 60,
    effortMinutes: 60,
    deadline: '2026-11-27T11:00:00.000Z',
  });
  const agency = { name: HOSTILE };
  const brief = parseBrief({
    subject: HOSTILE,
    body: HOSTILE,
    now,
    timeZone: 'Europe/Berlin',
    fallbackLanguage: language,
  });
  const mailInput = {
    language,
    agency,
    clientName: HOSTILE,
    taskId: task.id,
    brief,
    timeZone: 'Europe/Berlin',
    withdrawUrl: 'https://api.agency.example/w/x',
  };
  const notice = {
    language,
    agency,
    clientName: HOSTILE,
    timeZone: 'Europe/Berlin',
    task,
    vaFirstName: HOSTILE,
    packageMinutesLeft: 90,
  };
  const relay = {
    language,
    agency,
    task,
    recipientName: HOSTILE,
    authorName: HOSTILE,
    text: `${HOSTILE}\n\n${HOSTILE}`,
    attachmentNames: [HOSTILE],
  };
  const client = aClient({ contactName: HOSTILE, company: HOSTILE, language });
  const settled = settle({
    task: { id: task.id, workedMinutes: 60, completedAt: '2026-11-20T10:00:00Z' },
    client,
    va: { id: 'va_A', payoutRateCents: 2500 },
    packageMinutesUsed: 0,
  });
  const correction = adjustSettlement({
    previous: settled,
    seq: 1,
    request: { workedMinutes: 30, reason: HOSTILE },
    completedAt: '2026-11-20T10:00:00Z',
    at: '2026-11-25T10:00:00Z',
    period: '2026-11',
    packageMinutesUsed: 0,
    packageMinutesCarried: 0,
    currentTerms: { client, payoutRateCents: 2500 },
  });
  const invoice = finalizeInvoice(
    composeInvoice({
      client,
      period: '2026-11',
      settlements: [
        { ...settled, title: HOSTILE, vaFirstName: HOSTILE, completedAt: '2026-11-20T10:00:00Z' },
      ],
      corrections: [{ ...correction, title: HOSTILE, vaFirstName: HOSTILE }],
      packageMinutesUsed: 0,
    }),
    { number: 'RE-2026-000001', issueDate: '2026-12-01', seller: aSeller() },
  );
  const payout = composePayout({
    va: { id: 'va_A', name: HOSTILE, language },
    period: '2026-11',
    settlements: [{ ...settled, title: HOSTILE, client: HOSTILE, completedAt: '2026-11-20T10:00:00Z' }],
  });
  const mails = {
    acknowledgement: acknowledgementMail(mailInput),
    clarification: clarificationMail(mailInput),
    confirmation: confirmationMail(language, agency, HOSTILE, 'https://api.agency.example/confirm/x', 48),
    offer: offerMail({
      language,
      agency,
      vaName: HOSTILE,
      timeZone: 'Europe/Berlin',
      task,
      client: { displayName: HOSTILE },
      expiresAt: '2026-11-23T12:00:00.000Z',
      offerUrl: 'https://api.agency.example/o/x',
    }),
    assignedVa: assignedVaMail({
      language,
      agency,
      vaName: HOSTILE,
      timeZone: 'Europe/Berlin',
      task,
      client: { name: HOSTILE, company: HOSTILE, email: 'karin@firma.example' },
      attachments: [{ name: HOSTILE, url: 'https://api.agency.example/t/x/files/0' }],
      followUps: [{ at: '2026-11-23T09:00:00.000Z', text: HOSTILE }],
      doneUrl: 'https://api.agency.example/t/x/done',
    }),
    dueSoonVa: assignedVaMail({
      language,
      agency,
      vaName: HOSTILE,
      timeZone: 'Europe/Berlin',
      task: { ...task, deadline: '2026-12-04T11:00:00.000Z' },
      client: { name: HOSTILE, email: 'karin@firma.example' },
      attachments: [],
      doneUrl: 'https://api.agency.example/t/x/done',
      kind: 'due-soon',
    }),
    relayToVa: relayToVaMail(relay),
    relayToClient: relayToClientMail(relay),
    vaUnmatched: vaUnmatchedMail(language, agency, HOSTILE),
    vaAboutOtherTask: vaAboutOtherTaskMail(language, agency, {
      vaName: HOSTILE,
      task,
      relation: 'open-offer',
    }),
    relayHeld: relayHeldMail(language, agency, { task, recipient: HOSTILE }),
    vaToOperator: vaToOperatorMail({
      language,
      agency,
      vaName: HOSTILE,
      vaEmail: 'lena@va.example',
      subject: HOSTILE,
      text: HOSTILE,
      attachmentNames: [HOSTILE],
      about: { task, relation: 'open-offer' },
    }),
    givenBackClient: givenBackClientMail({
      language,
      agency,
      task,
      clientName: HOSTILE,
      vaFirstName: HOSTILE,
    }),
    givenBackOperator: givenBackOperatorMail({
      language,
      agency,
      task,
      vaName: HOSTILE,
      clientName: HOSTILE,
      reason: HOSTILE,
      run: 2,
    }),
    withdrawnClient: withdrawnClientMail({ language, agency, task, clientName: HOSTILE }),
    withdrawnOperator: withdrawnOperatorMail({ language, agency, task, clientName: HOSTILE }),
    takenAwayVa: takenAwayVaMail({
      language,
      agency,
      task,
      vaName: HOSTILE,
      why: 'cancelled',
      reason: HOSTILE,
    }),
    detailsChangedVa: detailsChangedVaMail({
      language,
      agency,
      task,
      vaName: HOSTILE,
      changes: [{ label: { de: HOSTILE, en: HOSTILE }, before: HOSTILE, after: HOSTILE }],
    }),
    cancelledClient: cancelledClientMail({ language, agency, task, clientName: HOSTILE, reason: HOSTILE }),
    detailsChangedClient: detailsChangedClientMail({
      language,
      agency,
      task,
      clientName: HOSTILE,
      changes: [{ label: { de: HOSTILE, en: HOSTILE }, before: HOSTILE, after: HOSTILE }],
    }),
    operatorDigest: operatorDigestMail({
      language,
      agency,
      timeZone: 'Europe/Berlin',
      items: [{ task, clientName: HOSTILE, reason: 'overdue', since: '2026-12-01T09:00:00.000Z' }],
      invoices: [
        {
          number: 'RE-2026-000001',
          buyer: HOSTILE,
          dueDate: '2026-12-15',
          daysOverdue: 3,
          openCents: 100,
          reminders: 1,
        },
      ],
    }),
    assignedClient: assignedClientMail(notice),
    completedClient: completedClientMail(notice),
    packageLow: packageLowMail({
      language,
      agency,
      clientName: HOSTILE,
      minutesLeft: 90,
      includedMinutes: 600,
    }),
    escalation: escalationMail({
      language,
      agency,
      timeZone: 'Europe/Berlin',
      task,
      clientName: HOSTILE,
      excluded: [{ vaId: 'va_A', name: HOSTILE, reason: 'skill', detail: HOSTILE }],
      declined: [HOSTILE],
      final: false,
    }),
    escalationOfChoice: escalationMail({
      language,
      agency,
      timeZone: 'Europe/Berlin',
      task,
      clientName: HOSTILE,
      excluded: [],
      declined: [HOSTILE],
      final: true,
      chosen: HOSTILE,
    }),
    invoice: invoiceMail(invoice, agency),
    paymentReminder: paymentReminderMail(invoice, { openCents: 100, paidCents: 50 }, agency),
    clientBillingToOperator: clientBillingToOperatorMail({
      language,
      agency,
      clientId: 'cli_1',
      clientName: HOSTILE,
      clientEmail: 'karin@firma.example',
      invoiceNumber: 'RE-2026-000001',
      subject: HOSTILE,
      text: HOSTILE,
      attachmentNames: [HOSTILE],
    }),
    billingReceived: billingReceivedMail(language, agency, {
      contactName: HOSTILE,
      invoiceNumber: 'RE-2026-000001',
    }),
    payout: payoutMail(payout, agency),
  };
  return [
    ...Object.entries(mails).map(([name, mail]): [string, string] => [`${name} mail`, mail.html]),
    [
      'offer page',
      offerPage({
        language,
        agency: HOSTILE,
        token: 'a'.repeat(32),
        task,
        clientName: HOSTILE,
        expiresAt: '2026-11-23T12:00:00.000Z',
        timeZone: 'Europe/Berlin',
      }),
    ],
    [
      'done page',
      donePage({
        language,
        agency: HOSTILE,
        token: 'a'.repeat(32),
        task,
        values: { minutes: HOSTILE, note: HOSTILE },
      }),
    ],
    ['withdraw page', withdrawPage({ language, agency: HOSTILE, token: 'a'.repeat(32), task })],
    [
      'give-back page',
      giveBackPage({
        language,
        agency: HOSTILE,
        token: 'a'.repeat(32),
        task,
        reason: HOSTILE,
        error: HOSTILE,
      }),
    ],
    [
      'form page',
      formPage({
        language,
        agency: HOSTILE,
        submissionId: 'sub_1',
        clientName: HOSTILE,
        values: { title: HOSTILE, description: HOSTILE, email: HOSTILE, name: HOSTILE },
        recent: { tasks: [task], timeZone: 'Europe/Berlin' },
      }),
    ],
  ];
};

describe('client and VA text in every HTML mail and page', () => {
  it.each(['de', 'en'] as const)('is escaped, never markup (%s)', (language) => {
    for (const [name, html] of everyHtml(language)) {
      // The hostile text was shown (escaped) ...
      expect(html, name).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      // ... and never became markup or a live attribute: with the (quoted, escaped) attribute values
      // taken out, no tag is a script or an image and none carries an event handler.
      const markup = html.replace(/"[^"]*"/g, '""');
      expect(markup, name).not.toMatch(/<script|<img|<[^>]*\sonerror/i);
    }
  });
});
