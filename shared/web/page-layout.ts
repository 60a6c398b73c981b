import type { Language } from '../domain/common';
import { html, type SafeHtml } from '../mail/html';

/** Whom a page is for, and from: its language, and the agency whose name heads it. */
export interface PageReader {
  language: Language;
  agency: string;
}

/** Every page: one plain, responsive, accessible document; no scripts, no external assets. */
export const page = (
  { language, agency }: PageReader,
  title: string,
  main: SafeHtml,
  languageSwitch?: string,
): string =>
  html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${agency}</title>
<style>
  :root { color-scheme: light dark; --accent: #0b5cad; --error: #b42318; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  header, main { max-width: 42rem; margin: 0 auto; padding: 1rem 1.25rem; }
  header { display: flex; justify-content: space-between; align-items: baseline; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  label { display: block; font-weight: 600; margin-top: 1.25rem; }
  .hint { display: block; font-weight: 400; font-size: .9rem; opacity: .8; }
  input, textarea, select { box-sizing: border-box; width: 100%; font: inherit; padding: .55rem .6rem; margin-top: .35rem;
    border: 1px solid #8c959f; border-radius: 6px; }
  textarea { min-height: 9rem; }
  input:focus, textarea:focus, select:focus, button:focus, a:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
  [aria-invalid="true"] { border: 2px solid var(--error); }
  .error { color: var(--error); font-weight: 600; margin: .3rem 0 0; }
  .notice { border: 2px solid var(--accent); border-radius: 6px; padding: .25rem 1rem; margin-top: 1rem; }
  button.small { margin-top: 0; padding: .3rem .8rem; font-weight: 400; }
  .summary { border: 2px solid var(--error); border-radius: 6px; padding: .75rem 1rem; margin-top: 1rem; }
  .row { display: grid; gap: 0 1rem; grid-template-columns: 1fr; }
  @media (min-width: 36rem) { .row { grid-template-columns: 1fr 1fr; } }
  button { margin-top: 1.75rem; font: inherit; font-weight: 600; background: var(--accent); color: #fff; border: 0;
    border-radius: 6px; padding: .7rem 1.4rem; cursor: pointer; }
  .trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
  .ref { font-size: 1.3rem; font-weight: 700; letter-spacing: .05em; }
  h2 { font-size: 1.2rem; margin-top: 2.5rem; }
  progress { width: 100%; height: .9rem; accent-color: var(--accent); }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; vertical-align: top; padding: .45rem .4rem; border-bottom: 1px solid #8c959f; }
</style>
</head>
<body>
<header><strong>${agency}</strong>${languageSwitch ? html`<a href="${languageSwitch}" lang="${language === 'de' ? 'en' : 'de'}">${language === 'de' ? 'English' : 'Deutsch'}</a>` : ''}</header>
<main id="main">${main}</main>
</body>
</html>`.value;

/** Headers every HTML answer carries: nothing runs, nothing is framed, the link token never leaks. */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
} as const;
