import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toApiGatewayEvent } from '../../../infra/local/http-api';

const request = (init: { method: string; url: string; headers: Record<string, string | string[]> }) =>
  Object.assign(Readable.from([]), {
    ...init,
    httpVersion: '1.1',
    socket: { remoteAddress: '127.0.0.1' },
  }) as unknown as IncomingMessage;

describe('toApiGatewayEvent', () => {
  const now = new Date('2026-11-25T10:00:00Z');

  it('builds a payload 2.0 event like API Gateway', () => {
    const event = toApiGatewayEvent(
      request({
        method: 'POST',
        url: '/tasks?lang=de&tag=a&tag=b',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: 'a=1; b=2',
          host: '127.0.0.1:3000',
        },
      }),
      Buffer.from('title=Hallo'),
      now,
    );
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/tasks',
      rawQueryString: 'lang=de&tag=a&tag=b',
      queryStringParameters: { lang: 'de', tag: 'a,b' },
      cookies: ['a=1', 'b=2'],
      body: 'title=Hallo',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/tasks', sourceIp: '127.0.0.1' },
        timeEpoch: now.getTime(),
      },
    });
    expect(event.headers.cookie).toBeUndefined();
  });

  it('base64-encodes binary bodies', () => {
    const bytes = Buffer.from([0, 255, 1, 2]);
    const event = toApiGatewayEvent(
      request({
        method: 'POST',
        url: '/upload',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      }),
      bytes,
      now,
    );
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });

  it('omits body and query when there are none', () => {
    const event = toApiGatewayEvent(
      request({ method: 'GET', url: '/health', headers: {} }),
      Buffer.alloc(0),
      now,
    );
    expect(event.body).toBeUndefined();
    expect(event.queryStringParameters).toBeUndefined();
  });
});
