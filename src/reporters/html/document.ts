import { html, trusted, type SafeHtml } from './safe-html.js';
import { stylesheet } from './styles.js';

// No script runs in a report, and the policy forbids fetching anything: the file works offline,
// and even a string that slipped past escaping could neither run nor call out.
const contentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** A complete, self-contained HTML page. */
export function htmlDocument(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="firedrill" />
        <title>${title}</title>
        <style>
          ${trusted(stylesheet)}
        </style>
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html> `.text;
}
