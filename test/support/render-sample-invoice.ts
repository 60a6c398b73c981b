import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderInvoicePdf } from '../../shared/documents/invoice-pdf';
import { composeInvoice, finalizeInvoice } from '../../shared/domain/billing/invoice';
import { settle } from '../../shared/domain/billing/settlement';
import { aClient, aSeller } from './builders';

/**
 * `npm run invoice:sample`: renders a sample invoice to test/fixtures/invoice as PDF and, with
 * pdftoppm (Debian: poppler-utils), as PNG, so people can see what clients receive.
 */
const client = aClient({
  contactName: 'Karin Sommer',
  company: 'Bäckerei Sommer GmbH',
  emails: ['karin@baeckerei-sommer.example'],
  address: { street: 'Hauptstraße 1', postalCode: '04109', city: 'Leipzig', country: 'DE' },
  plan: { kind: 'hourly', hourlyRateCents: 4500 },
});
const tasks = [
  ['VA-7K2Q9M', 75, '2026-11-03T10:00:00Z', 'Bahnreise Hamburg buchen, Hotel reservieren'],
  ['VA-3XN8WD', 20, '2026-11-12T15:00:00Z', 'Präsentation für das Bankgespräch überarbeiten'],
  ['VA-9PLM2R', 130, '2026-11-24T09:00:00Z', 'Recherche: nachhaltige Verpackungen, fünf Anbieter'],
] as const;
const settlements = tasks.map(([id, minutes, at, title]) => ({
  ...settle({
    task: { id, workedMinutes: minutes, completedAt: at },
    client,
    va: { id: 'va_A', payoutRateCents: 2800 },
    packageMinutesUsed: 0,
  }),
  title,
  vaFirstName: 'Sophie',
  completedAt: at,
}));
const invoice = finalizeInvoice(
  composeInvoice({ client, period: '2026-11', settlements, packageMinutesUsed: 0 }),
  {
    number: 'RE-2026-000042',
    issueDate: '2026-12-01',
    seller: aSeller(),
  },
);
const dir = join(import.meta.dirname, '..', 'fixtures', 'invoice');
const pdf = join(dir, 'sample-invoice.pdf');
writeFileSync(pdf, await renderInvoicePdf(invoice));
execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, join(dir, 'sample-invoice')]);
console.log(`Wrote ${pdf} and sample-invoice.png`);
