import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createLogger } from '../../shared/logger';
import { createHttpDeps } from './dependencies';
import { createRouter } from './router';

const logger = createLogger('http-api');
const route = createRouter(createHttpDeps());

/** The HTTP API's one Lambda; routes live in router.ts. A crash answers 500 without details. */
export const handler = middy(
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      return await route(event);
    } catch (error) {
      logger.error('Request failed', { error: error as Error, path: event.requestContext.http.path });
      return {
        statusCode: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'Internal error / Interner Fehler',
      };
    }
  },
).use(injectLambdaContext(logger));
