import { describe, expect, it } from 'vitest';
import { resolvePorts } from '../../../infra/local/ports';

describe('resolvePorts', () => {
  it('uses the documented defaults', () => {
    expect(resolvePorts({})).toEqual({
      http: 3000,
      smtp: 2525,
      ses: 8005,
      dynamodb: 8000,
      sqs: 4566,
      sfn: 8083,
    });
  });

  it('lets each port move by env', () => {
    expect(resolvePorts({ VA_HTTP_PORT: '3100', VA_DYNAMODB_PORT: '0' })).toMatchObject({
      http: 3100,
      dynamodb: 0,
    });
  });

  it('rejects a port that is not a number, naming the variable', () => {
    expect(() => resolvePorts({ VA_SMTP_PORT: 'twenty' })).toThrowError(
      'VA_SMTP_PORT=twenty is not a port number',
    );
    expect(() => resolvePorts({ VA_SMTP_PORT: '70000' })).toThrowError(/VA_SMTP_PORT/);
  });
});
