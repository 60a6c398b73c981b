import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Language } from '../../shared/domain/common';
import { LINK_TOKEN_PATTERN } from '../../shared/domain/ids';
import { pickLanguage, readFormBody } from '../../shared/http/form-body';
import { changeOwnTimeOff, type VaPageDeps, viewVaPage } from '../../shared/use-cases/va-page';
import { offerOutcomePage } from '../../shared/web/link-pages';
import { VA_PAGE_PATH } from '../../shared/web/link-paths';
import type { PageReader } from '../../shared/web/page-layout';
import { vaPage } from '../../shared/web/va-page';
import { htmlResponse, type Result } from './responses';

/**
 * The VA's own page through their personal link: GET shows it (a mail scanner opening the link
 * changes nothing), POST adds or removes days off and shows the page again with what happened.
 */
export const routeVaPage = async (
  event: APIGatewayProxyEventV2,
  deps: VaPageDeps & { config: { agencyName: string } },
): Promise<Result | undefined> => {
  const { method, path } = event.requestContext.http;
  const matched = VA_PAGE_PATH.exec(path);
  if (!matched) return undefined;
  const [, token = '', form] = matched;
  const query = event.queryStringParameters ?? {};
  const reader = (own?: Language): PageReader => ({
    language: pickLanguage(query.lang, event.headers['accept-language'], own),
    agency: deps.config.agencyName,
  });
  const invalid = () => htmlResponse(404, offerOutcomePage(reader(), 'invalid-link'));
  if (!LINK_TOKEN_PATTERN.test(token)) return invalid();

  if (method === 'GET' && !form) {
    const view = await viewVaPage(token, deps);
    if (!view) return invalid();
    return htmlResponse(200, vaPage({ ...reader(view.va.language), token, view }));
  }
  if (method !== 'POST' || !form) return undefined;

  const { fields } = await readFormBody(event, { maxFiles: 0, maxFileBytes: 0 });
  const outcome = await changeOwnTimeOff(
    token,
    form === '/time-off/remove'
      ? { kind: 'remove', from: fields.from }
      : { kind: 'add', from: fields.from, to: fields.to, note: fields.note },
    deps,
  );
  if (outcome.kind === 'invalid-link') return invalid();
  const page = vaPage({
    ...reader(outcome.view.va.language),
    token,
    view: outcome.view,
    outcome,
    values: outcome.kind === 'invalid' ? fields : {},
  });
  return htmlResponse(outcome.kind === 'invalid' ? 422 : 200, page);
};
