import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { PAGE_HEADERS } from '../../shared/web/page-layout';

export type Result = APIGatewayProxyStructuredResultV2;

/** A page, with the headers every page carries (no scripts, no framing, no referrer). */
export const htmlResponse = (statusCode: number, body: string): Result => ({
  statusCode,
  headers: { ...PAGE_HEADERS },
  body,
});

export const json = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

/** To a short-lived download URL: never cached, and the signed URL never sent on as a referrer. */
export const downloadRedirect = (url: string): Result => ({
  statusCode: 302,
  headers: { location: url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
});
