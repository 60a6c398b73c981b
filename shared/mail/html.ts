const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every piece of client text goes through this before it enters HTML. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** Marks a string as already-safe HTML, so templates can tell the two apart. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

/** Tagged template: interpolated values are escaped unless they are SafeHtml (or arrays of them). */
export const html = (strings: TemplateStringsArray, ...values: unknown[]): SafeHtml => {
  const render = (value: unknown): string => {
    if (value instanceof SafeHtml) return value.value;
    if (Array.isArray(value)) return value.map(render).join('');
    if (value === undefined || value === null || value === false) return '';
    return escapeHtml(String(value));
  };
  return new SafeHtml(
    strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''),
  );
};

/** A plain, readable mail layout that survives every client (no external assets, inline styles). */
export const mailLayout = (language: string, title: string, body: SafeHtml, footer: string): string =>
  html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>
<body style="margin:0;padding:24px;background:#f6f7f9;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2328;line-height:1.5">
<div style="max-width:600px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">${body}</div>
<p style="max-width:600px;margin:12px auto;font-size:12px;color:#57606a">${footer}</p>
</body></html>`.value;
