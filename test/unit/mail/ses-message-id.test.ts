import { describe, expect, it } from 'vitest';
import { sesMessageId } from '../../../shared/adapters/ses/ses-mailer';

// The two forms on mail SES has delivered: email.amazonses.com from us-east-1, <region>.amazonses.com elsewhere.
describe('the Message-ID SES puts on a mail it sends', () => {
  it('is the MessageId at the region host', () => {
    expect(sesMessageId('0107019a1b2c3d4e-5f60-000000', 'eu-central-1')).toBe(
      '0107019a1b2c3d4e-5f60-000000@eu-central-1.amazonses.com',
    );
  });

  it('is at email.amazonses.com in us-east-1', () => {
    expect(sesMessageId('0100018288804c9f-f631e70f-000000', 'us-east-1')).toBe(
      '0100018288804c9f-f631e70f-000000@email.amazonses.com',
    );
  });
});
