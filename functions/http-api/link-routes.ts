import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Language } from '../../shared/domain/common';
import { LINK_TOKEN_PATTERN } from '../../shared/domain/ids';
import type { Task } from '../../shared/domain/task';
import { pickLanguage, readFormBody } from '../../shared/http/form-body';
import type { BlobStore } from '../../shared/ports/blob-store';
import type { RoutingDeps } from '../../shared/use-cases/routing/deps';
import {
  attachmentUrl,
  completeTask,
  type DoneErrors,
  viewDone,
} from '../../shared/use-cases/routing/done-links';
import { giveBackTask, viewGiveBack } from '../../shared/use-cases/routing/give-back';
import { decideOffer, viewOffer } from '../../shared/use-cases/routing/offer-links';
import { viewWithdraw, withdrawTask } from '../../shared/use-cases/withdraw-task';
import {
  type DoneOutcome,
  doneOutcomePage,
  donePage,
  type GiveBackOutcome,
  giveBackOutcomePage,
  giveBackPage,
  type OfferOutcome,
  offerOutcomePage,
  offerPage,
  type WithdrawOutcome,
  withdrawOutcomePage,
  withdrawPage,
} from '../../shared/web/link-pages';
import { DONE_PATH, FILE_PATH, GIVE_BACK_PATH, OFFER_PATH, WITHDRAW_PATH } from '../../shared/web/link-paths';
import type { PageReader } from '../../shared/web/page-layout';
import { downloadRedirect, htmlResponse, type Result } from './responses';

const OFFER_STATUS: Record<OfferOutcome, number> = {
  accepted: 200,
  declined: 200,
  'already-accepted': 200,
  'already-declined': 200,
  taken: 409,
  expired: 410,
  'invalid-link': 404,
};
const DONE_STATUS: Record<DoneOutcome, number> = {
  done: 200,
  'already-done': 200,
  'not-yours': 409,
  'invalid-link': 404,
};

const GIVE_BACK_STATUS: Record<GiveBackOutcome, number> = {
  'given-back': 200,
  'already-given-back': 200,
  'already-done': 409,
  'not-yours': 409,
  'invalid-link': 404,
};

type Fields = Record<string, string | undefined>;
type Closed<O> = { kind: 'closed'; outcome: O; language?: Language };

/**
 * A form behind a mailed task link (done and give back for the VA, withdraw for the client), and why
 * it may be closed.
 */
interface TaskForm<O extends string, I> {
  view(token: string): Promise<{ kind: 'open'; task: Task; language: Language } | Closed<O>>;
  submit(
    token: string,
    fields: Fields,
  ): Promise<Closed<O> | ({ kind: 'invalid'; task: Task; language: Language } & I)>;
  form(p: PageReader & { token: string; task: Task; fields?: Fields; invalid?: I }): string;
  outcomePage(reader: PageReader, outcome: O | 'invalid-link'): string;
  status: Record<O, number>;
}

/** GET shows the form (or why it is closed); POST submits it, and a bad field shows it again. */
const taskForm = async <O extends string, I>(
  event: APIGatewayProxyEventV2,
  token: string,
  reader: (language?: Language) => PageReader,
  f: TaskForm<O, I>,
): Promise<Result | undefined> => {
  const { method } = event.requestContext.http;
  if (method === 'GET') {
    const view = await f.view(token);
    if (view.kind === 'closed')
      return htmlResponse(f.status[view.outcome], f.outcomePage(reader(view.language), view.outcome));
    return htmlResponse(200, f.form({ ...reader(view.language), token, task: view.task }));
  }
  if (method !== 'POST') return undefined;
  if (!LINK_TOKEN_PATTERN.test(token)) return htmlResponse(404, f.outcomePage(reader(), 'invalid-link'));
  const { fields } = await readFormBody(event, { maxFiles: 0, maxFileBytes: 0 });
  const result = await f.submit(token, fields);
  if (result.kind === 'invalid')
    return htmlResponse(
      422,
      f.form({ ...reader(result.language), token, task: result.task, fields, invalid: result }),
    );
  return htmlResponse(f.status[result.outcome], f.outcomePage(reader(result.language), result.outcome));
};

const WITHDRAW_STATUS: Record<WithdrawOutcome, number> = {
  withdrawn: 200,
  'already-withdrawn': 200,
  cancelled: 409,
  taken: 409,
  closed: 409,
  'invalid-link': 404,
};

/** What the links need: routing's adapters, and the files a task mail's download links hand out. */
export type LinkDeps = RoutingDeps & { blobs: BlobStore };

/**
 * The links in offer and task mails. A GET only shows (scanners and previews fetch links); a POST
 * decides.
 */
export const routeLink = async (
  event: APIGatewayProxyEventV2,
  deps: LinkDeps,
): Promise<Result | undefined> => {
  const { method, path } = event.requestContext.http;
  const query = event.queryStringParameters ?? {};
  // A link's own reader's language where it names one, else what the request asks for.
  const reader = (language?: Language): PageReader => ({
    language: language ?? pickLanguage(query.lang, event.headers['accept-language']),
    agency: deps.config.agencyName,
  });

  const offer = OFFER_PATH.exec(path);
  if (offer) {
    const [, token = '', decision] = offer;
    if (method === 'GET' && !decision) {
      const view = await viewOffer(token, deps);
      if (view.kind === 'closed')
        return htmlResponse(
          OFFER_STATUS[view.outcome],
          offerOutcomePage(reader(view.language), view.outcome),
        );
      const choice = query.choice === 'accept' || query.choice === 'decline' ? query.choice : undefined;
      return htmlResponse(
        200,
        offerPage({
          ...reader(view.va.language),
          token,
          task: view.task,
          clientName: view.clientName,
          expiresAt: view.expiresAt,
          timeZone: view.va.timeZone,
          choice,
        }),
      );
    }
    if (method === 'POST' && decision) {
      const result = await decideOffer(token, decision as 'accept' | 'decline', deps);
      return htmlResponse(
        OFFER_STATUS[result.outcome],
        offerOutcomePage(reader(result.language), result.outcome),
      );
    }
    return undefined;
  }

  const file = FILE_PATH.exec(path);
  if (file && method === 'GET') {
    const url = await attachmentUrl(file[1] ?? '', Number(file[2]), deps);
    if (!url) return htmlResponse(404, doneOutcomePage(reader(), 'invalid-link'));
    return downloadRedirect(url);
  }

  const done = DONE_PATH.exec(path);
  if (done)
    return taskForm<DoneOutcome, { errors: DoneErrors }>(event, done[1] ?? '', reader, {
      view: (token) => viewDone(token, deps),
      submit: (token, fields) => completeTask(token, fields, deps),
      form: (p) => donePage({ ...p, values: p.fields, errors: p.invalid?.errors }),
      outcomePage: doneOutcomePage,
      status: DONE_STATUS,
    });

  const giveBack = GIVE_BACK_PATH.exec(path);
  if (giveBack)
    return taskForm<GiveBackOutcome, { error: string }>(event, giveBack[1] ?? '', reader, {
      view: (token) => viewGiveBack(token, deps),
      submit: (token, fields) => giveBackTask(token, fields, deps),
      form: (p) => giveBackPage({ ...p, reason: p.fields?.reason, error: p.invalid?.error }),
      outcomePage: giveBackOutcomePage,
      status: GIVE_BACK_STATUS,
    });

  const withdraw = WITHDRAW_PATH.exec(path);
  if (withdraw)
    return taskForm<WithdrawOutcome, never>(event, withdraw[1] ?? '', reader, {
      view: (token) => viewWithdraw(token, deps),
      submit: async (token) => ({ kind: 'closed', ...(await withdrawTask(token, deps)) }),
      form: withdrawPage,
      outcomePage: withdrawOutcomePage,
      status: WITHDRAW_STATUS,
    });
  return undefined;
};
