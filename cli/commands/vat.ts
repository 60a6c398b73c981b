import type { Command } from 'commander';
import { type VatReturnLine, wholeEuros } from '../../shared/domain/billing/vat-return';
import { formatCents } from '../../shared/domain/money';
import { vatReturnFor } from '../../shared/use-cases/billing/vat-return';
import { type CliContext, statementDeps } from '../context';
import { formatJson, formatTable } from '../output';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

const numbers = (invoices: string[]) =>
  invoices.length > 3 ? `${invoices[0]} … ${invoices.at(-1)} (${invoices.length})` : invoices.join(', ');

const box = (kz: string, what: string, line: VatReturnLine, withVat = false) => ({
  kz,
  what,
  base: formatCents(line.netCents),
  elster: String(wholeEuros(line.netCents)),
  vat: withVat ? formatCents(line.vatCents) : '',
  invoices: numbers(line.invoices),
});

export const registerVatCommands = (program: Command, run: Run) => {
  const vat = program.command('vat').description("Figures for the agency's VAT return, from its invoices");

  vat
    .command('return')
    .description(
      'The VAT return (Umsatzsteuer-Voranmeldung) and EC sales list (Zusammenfassende Meldung) of a month or quarter, from the invoices of its months',
    )
    .requiredOption('--period <period>', 'a month (2026-11) or a quarter (2026-Q4)')
    .option('--json', 'as JSON, in cents, with every invoice number')
    .action((o: { period: string; json?: boolean }) =>
      run(async () => {
        const figures = await vatReturnFor(o.period, statementDeps());
        const { months } = figures;
        if (o.json) return console.log(formatJson(figures));
        const rows = [
          box('81', 'taxable at 19 %', figures.standard, true),
          box('21', 'EU businesses, reverse charge (§ 18b UStG)', figures.reverseCharge),
          box('45', 'not taxable in Germany (third country)', figures.thirdCountry),
        ].filter((r) => r.invoices);
        if (figures.inputVatCents)
          rows.push({
            kz: '66',
            what: "input VAT on VAs' payouts (deduct with their invoices)",
            base: '',
            elster: '',
            vat: formatCents(figures.inputVatCents),
            invoices: '',
          });
        const counted = [
          figures.standard,
          figures.reverseCharge,
          figures.thirdCountry,
          figures.smallBusiness,
        ];
        console.log(
          `VAT return ${o.period} (work of ${months.join(', ')}): ${counted.reduce((n, l) => n + l.invoices.length, 0)} invoice(s)`,
        );
        console.log(formatTable(rows));
        if (figures.smallBusiness.invoices.length)
          console.log(
            `\nUnder § 19 UStG (no VAT return): ${formatCents(figures.smallBusiness.netCents)} on ${numbers(figures.smallBusiness.invoices)}.`,
          );
        if (figures.ecSalesList.length) {
          console.log('\nEC sales list (Zusammenfassende Meldung), other services (§ 3a Abs. 2 UStG):');
          console.log(
            formatTable(
              figures.ecSalesList.map((l) => ({
                country: l.countryCode,
                'vat number': l.vatNumber,
                amount: formatCents(l.netCents),
                elster: String(wholeEuros(l.netCents)),
                invoices: numbers(l.invoices),
              })),
            ),
          );
        }
        if (figures.notInvoiced.length) {
          console.log(
            '\nNot invoiced yet, so not in these figures (npm run cli -- statements run --month ...):',
          );
          console.log(
            formatTable(
              figures.notInvoiced.map((n) => ({ client: n.clientId, month: n.month, owes: n.why })),
            ),
          );
        }
        if (figures.monthsNotOver.length)
          console.log(`\n${figures.monthsNotOver.join(', ')} not over yet: invoiced on the next 1st.`);
        console.log(
          '\nELSTER takes whole euros (the ELSTER column). Input VAT here is only what VAs charged on their payouts; what else the agency buys is for its accounting.',
        );
      }),
    );
};
