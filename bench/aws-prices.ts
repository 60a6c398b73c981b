/**
 * AWS list prices the cost model multiplies by: on-demand, pay-per-use, after any free tier.
 * As published for us-east-1 (the reference region of AWS's pricing pages) and last compared
 * with them in 2026-11; eu-central-1 is some 10-25 % dearer for most of these. Update on purpose.
 */
export const AWS_PRICES = {
  region: 'us-east-1',
  checked: '2026-11',
  usd: {
    stepFunctionsStandardPerTransition: 0.025 / 1_000,
    lambdaPerRequest: 0.2 / 1_000_000,
    /** arm64 */
    lambdaPerGbSecond: 0.0000133334,
    dynamoDbPerWriteRequestUnit: 0.625 / 1_000_000,
    dynamoDbPerReadRequestUnit: 0.125 / 1_000_000,
    sqsPerRequest: 0.4 / 1_000_000,
    s3PerPut: 0.005 / 1_000,
    s3PerGet: 0.0004 / 1_000,
    sesPerOutboundMail: 0.1 / 1_000,
    /** Receiving: per mail, plus per 256 KB chunk (a task mail is one chunk). */
    sesPerInboundMail: 0.1 / 1_000 + 0.09 / 1_000,
  },
} as const;
