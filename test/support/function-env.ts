/** What every function reads at cold start, with made-up values: enough to load a bundle anywhere. */
export const FUNCTION_ENV: Record<string, string> = {
  TABLE_NAME: 't',
  BUCKET_NAME: 'b',
  SENDER_ADDRESS: 'Agentur Muster <auftrag@agency.example>',
  PUBLIC_BASE_URL: 'https://api.agency.example',
  OPERATOR_EMAIL: 'ops@agency.example',
  STATEMENTS_QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/123456789012/va-router-bundle-statements',
  SELLER_STREET: 'Musterweg 5',
  SELLER_POSTAL_CODE: '10115',
  SELLER_CITY: 'Berlin',
  SELLER_VAT_ID: 'DE000000000',
  SELLER_EMAIL: 'rechnung@agency.example',
  SELLER_PHONE: '+49 30 0000000',
  SELLER_IBAN: 'DE02 1203 0000 0000 2020 51',
  STATE_MACHINE_ARN: 'arn:aws:states:eu-central-1:123456789012:stateMachine:va-router-bundle-task-lifecycle',
  AWS_REGION: 'eu-central-1',
};
