import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { invoiceStanding } from '../../shared/domain/billing/payment';
import { berlinDateOf } from '../../shared/domain/billing/settlement';
import type { Language } from '../../shared/domain/common';
import { MAX_FILES } from '../../shared/domain/form-submission';
import { sha256Hex } from '../../shared/hash';
import { pickLanguage, readFormBody } from '../../shared/http/form-body';
import { invoiceDownloadUrl, invoiceFiles } from '../../shared/use-cases/billing/invoice-files';
import { packageMonthFor } from '../../shared/use-cases/billing/package-balance';
import {
  confirmSubmission,
  type FormDeps,
  type FormOutcome,
  newSubmissionId,
  submitForm,
} from '../../shared/use-cases/submit-form';
import { type ClientInvoice, confirmPage, formPage, resultPage } from '../../shared/web/form-pages';
import { INVOICE_FILE_PATH } from '../../shared/web/link-paths';
import type { PageReader } from '../../shared/web/page-layout';
import type { HttpDeps } from './dependencies';
import { routeLink } from './link-routes';
import { downloadRedirect, htmlResponse, json, type Result } from './responses';
import { routeVaPage } from './va-page-routes';

const CONFIRM_PATH = /^\/confirm\/([0-9a-f]{32})$/;

/** How many of their latest tasks a client sees on their personal form page. */
const RECENT_TASKS = 10;
/** A year of monthly invoices. */
const RECENT_INVOICES = 12;

/** Maps each use-case outcome to its page and status, in one place. */
const outcomePage = (
  outcome: Exclude<FormOutcome, { kind: 'invalid' }>,
  reader: PageReader,
  formToken?: string,
): Result => {
  switch (outcome.kind) {
    case 'created':
      return htmlResponse(
        201,
        resultPage(reader, outcome.needsInfo ? 'created-needs-info' : 'created', outcome.taskId, formToken),
      );
    case 'confirmation-sent':
      return htmlResponse(202, resultPage(reader, 'confirmation-sent'));
    case 'passed-on':
      return htmlResponse(200, resultPage(reader, 'passed-on', outcome.invoiceNumber, formToken));
    case 'invalid-link':
      return htmlResponse(404, resultPage(reader, 'invalid-link'));
    case 'expired':
      return htmlResponse(410, resultPage(reader, 'expired'));
    case 'rate-limited':
      return htmlResponse(429, resultPage(reader, 'rate-limited'));
  }
};

/** The client's latest invoices that reached them, newest first, with what is open on each today. */
const clientInvoices = async (clientId: string, deps: FormDeps): Promise<ClientInvoice[]> => {
  const today = berlinDateOf(deps.runtime.now().toISOString());
  return (await deps.statements.listByClient(clientId))
    .filter((s) => s.status === 'sent')
    .slice(-RECENT_INVOICES)
    .reverse()
    .map(({ period, invoice, payments }) => ({
      number: invoice.number,
      files: invoiceFiles(invoice).all.map((f) => f.filename),
      period,
      grossCents: invoice.grossCents,
      dueDate: invoice.dueDate,
      standing: invoiceStanding(invoice, payments ?? [], today),
    }));
};

/** The HTTP API's routes: the web form, its confirmation links, and the offer and done links. */
export const createRouter =
  ({ form: deps, links, vaPage: vaPageDeps }: HttpDeps) =>
  async (event: APIGatewayProxyEventV2): Promise<Result> => {
    const { method, path, sourceIp } = event.requestContext.http;
    const query = event.queryStringParameters ?? {};
    const acceptLanguage = event.headers['accept-language'];
    const readerIn = (language: Language): PageReader => ({ language, agency: deps.config.agencyName });

    if (method === 'GET' && path === '/health') return json(200, { status: 'ok' });

    if (method === 'GET' && path === '/submit') {
      const formToken = query.k;
      const client = formToken ? await deps.clients.findByFormToken(sha256Hex(formToken)) : undefined;
      const language = pickLanguage(query.lang, acceptLanguage, client?.language);
      if (formToken && !client) return htmlResponse(404, resultPage(readerIn(language), 'invalid-link'));
      // Only the personal link knows whose tasks to show; the open form shows none.
      const recent = client
        ? {
            tasks: (await deps.tasks.listByClient(client.id, { limit: RECENT_TASKS })).items,
            timeZone: client.timeZone,
          }
        : undefined;
      const invoices = client ? await clientInvoices(client.id, deps) : undefined;
      const packageMonth = client
        ? await packageMonthFor(client, deps.runtime.now(), deps.settlements)
        : undefined;
      return htmlResponse(
        200,
        formPage({
          ...readerIn(language),
          submissionId: newSubmissionId(deps.runtime),
          formToken,
          clientName: client?.company ?? client?.contactName,
          recent,
          invoices,
          packageMonth,
          about: query.about,
        }),
      );
    }

    if (method === 'POST' && path === '/tasks') {
      const body = await readFormBody(event, {
        maxFiles: MAX_FILES,
        maxFileBytes: deps.config.maxAttachmentBytes,
      });
      const formToken = body.fields.k || undefined;
      const language = pickLanguage(query.lang, acceptLanguage);
      const outcome = await submitForm(
        { fields: body.fields, files: body.files, oversized: body.oversized, formToken, language, sourceIp },
        deps,
      );
      if (outcome.kind !== 'invalid') return outcomePage(outcome, readerIn(language), formToken);
      return htmlResponse(
        422,
        formPage({
          ...readerIn(language),
          submissionId: body.fields.submission ?? newSubmissionId(deps.runtime),
          formToken,
          clientName: outcome.clientName,
          values: body.fields,
          errors: outcome.errors,
        }),
      );
    }

    const invoiceFile = INVOICE_FILE_PATH.exec(path);
    if (invoiceFile && method === 'GET') {
      // Invoice file names need no escaping; anything escaped is no name of ours and finds nothing.
      const url = await invoiceDownloadUrl(query.k ?? '', invoiceFile[1] ?? '', deps);
      if (!url)
        return htmlResponse(
          404,
          resultPage(readerIn(pickLanguage(query.lang, acceptLanguage)), 'invalid-link'),
        );
      return downloadRedirect(url);
    }

    const confirm = CONFIRM_PATH.exec(path);
    if (confirm?.[1]) {
      const language = pickLanguage(query.lang, acceptLanguage);
      if (method === 'GET') return htmlResponse(200, confirmPage(readerIn(language), confirm[1]));
      if (method === 'POST')
        return outcomePage(await confirmSubmissionOrInvalid(confirm[1], deps), readerIn(language));
    }
    if (path.startsWith('/confirm/'))
      return htmlResponse(
        404,
        resultPage(readerIn(pickLanguage(query.lang, acceptLanguage)), 'invalid-link'),
      );

    const vaPage = await routeVaPage(event, vaPageDeps);
    if (vaPage) return vaPage;

    const linked = await routeLink(event, links);
    if (linked) return linked;

    return json(404, { message: 'Not found' });
  };

const confirmSubmissionOrInvalid = async (token: string, deps: FormDeps) => {
  const outcome = await confirmSubmission(token, deps);
  return outcome.kind === 'invalid' ? ({ kind: 'invalid-link' } as const) : outcome;
};
