/**
 * The paths of the links va-router mails to VAs and clients, in one place: the steps build them, the HTTP API
 * routes them, and tests and benchmarks find them in mails to follow them as a VA would.
 */
export const offerPath = (token: string) => `/o/${token}`;
export const donePath = (token: string) => `/t/${token}/done`;
export const giveBackPath = (token: string) => `/t/${token}/give-back`;
/** The client's: withdraw a task nobody has taken yet. */
export const withdrawPath = (token: string) => `/w/${token}`;
export const filePath = (token: string, index: number) => `/t/${token}/files/${index}`;

/** The client's: a file of one of their invoices, through their personal form link's token. */
export const invoiceFilePath = (filename: string, formToken: string) =>
  `/invoices/${encodeURIComponent(filename)}?k=${encodeURIComponent(formToken)}`;

/** The VA's own page (their tasks and days off), and its forms to add and remove days off. */
export const vaPagePath = (token: string) => `/v/${token}`;
export const vaTimeOffPath = (token: string) => `/v/${token}/time-off`;
export const vaTimeOffRemovePath = (token: string) => `/v/${token}/time-off/remove`;

export const OFFER_PATH = /^\/o\/([^/]+)(?:\/(accept|decline))?$/;
export const DONE_PATH = /^\/t\/([^/]+)\/done$/;
export const GIVE_BACK_PATH = /^\/t\/([^/]+)\/give-back$/;
export const WITHDRAW_PATH = /^\/w\/([^/]+)$/;
export const FILE_PATH = /^\/t\/([^/]+)\/files\/(\d{1,3})$/;
export const VA_PAGE_PATH = /^\/v\/([^/]+)(\/time-off(?:\/remove)?)?$/;
export const INVOICE_FILE_PATH = /^\/invoices\/([^/]{1,80})$/;

/** An offer link, or a "Mark done" link, anywhere in a mail's text. */
export const OFFER_LINK_IN_TEXT = /\/o\/[0-9a-f]{32}/;
export const DONE_LINK_IN_TEXT = /\/t\/[0-9a-f]{32}\/done/;
export const WITHDRAW_LINK_IN_TEXT = /\/w\/[0-9a-f]{32}/;
