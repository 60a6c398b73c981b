import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Language } from '../../shared/domain/common';
import { LINK_TOKEN_PATTERN } from '../../shared/domain/ids';
import { pickLanguage, readFormBody } from '../../shared/http/form-body';
import type { BlobStore } from '../../shared/ports/blob-store';
import type { RoutingDeps } from '../../shared/use-cases/routing/deps';
import { attachmentUrl, completeTask, viewDone } from '../../shared/use-cases/routing/done-links';
import { decideOffer, viewOffer } from '../../shared/use-cases/routing/offer-links';
import {
  type DoneOutcome,
  doneOutcomePage,
  donePage,
  type OfferOutcome,
  offerOutcomePage,
  offerPage,
} from '../../shared/web/link-pages';
import { DONE_PATH, FILE_PATH, OFFER_PATH } from '../../shared/web/link-paths';
import { htmlResponse, type Result } from './responses';

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
  const fallback = (): Language => pickLanguage(query.lang, event.headers['accept-language']);

  const offer = OFFER_PATH.exec(path);
  if (offer) {
    const [, token = '', decision] = offer;
    if (method === 'GET' && !decision) {
      const view = await viewOffer(token, deps);
      if (view.kind === 'closed')
        return htmlResponse(
          OFFER_STATUS[view.outcome],
          offerOutcomePage(view.language ?? fallback(), view.outcome),
        );
      const choice = query.choice === 'accept' || query.choice === 'decline' ? query.choice : undefined;
      return htmlResponse(
        200,
        offerPage({
          language: view.va.language,
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
        offerOutcomePage(result.language ?? fallback(), result.outcome),
      );
    }
    return undefined;
  }

  const file = FILE_PATH.exec(path);
  if (file && method === 'GET') {
    const url = await attachmentUrl(file[1] ?? '', Number(file[2]), deps);
    if (!url) return htmlResponse(404, doneOutcomePage(fallback(), 'invalid-link'));
    return {
      statusCode: 302,
      headers: { location: url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    };
  }

  const done = DONE_PATH.exec(path);
  if (done) {
    const token = done[1] ?? '';
    if (method === 'GET') {
      const view = await viewDone(token, deps);
      if (view.kind === 'closed')
        return htmlResponse(
          DONE_STATUS[view.outcome],
          doneOutcomePage(view.language ?? fallback(), view.outcome),
        );
      return htmlResponse(200, donePage({ language: view.language, token, task: view.task }));
    }
    if (method === 'POST') {
      if (!LINK_TOKEN_PATTERN.test(token))
        return htmlResponse(404, doneOutcomePage(fallback(), 'invalid-link'));
      const body = await readFormBody(event, { maxFiles: 0, maxFileBytes: 0 });
      const result = await completeTask(token, body.fields, deps);
      if (result.kind === 'invalid')
        return htmlResponse(
          422,
          donePage({
            language: result.language,
            token,
            task: result.task,
            values: body.fields,
            errors: result.errors,
          }),
        );
      return htmlResponse(
        DONE_STATUS[result.outcome],
        doneOutcomePage(result.language ?? fallback(), result.outcome),
      );
    }
  }
  return undefined;
};
