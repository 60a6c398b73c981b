/** A complete deploy configuration for CDK tests; each test adds or overrides what it is about. */
export const TEST_DEPLOY_CONTEXT = {
  stage: 'test',
  inboxAddress: 'auftrag@agency.example',
  senderAddress: 'Agentur Muster <auftrag@agency.example>',
  agencyName: 'Agentur Muster',
  operatorEmail: 'ops@agency.example',
  seller: {
    street: 'Musterweg 5',
    postalCode: '10115',
    city: 'Berlin',
    vatId: 'DE000000000',
    email: 'rechnung@agency.example',
    phone: '+49 30 0000000',
    iban: 'DE00 0000 0000 0000 0000 00',
  },
};
