import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from './safe-html.js';

// Called through another name so that the formatter leaves these templates exactly as written.
const h = html;

describe('html tag', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const name = `<img src=x onerror=alert(1)> & "quoted" 'single'`;
    expect(h`<p title="${name}">${name}</p>`.text).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &#39;single&#39;">' +
        '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &#39;single&#39;</p>',
    );
  });

  it('keeps nested html as markup, joins arrays, drops null, undefined and false', () => {
    const items = ['<a>', 'b'].map((x) => h`<li>${x}</li>`);
    expect(h`<ul>${items}</ul>${null}${undefined}${false}${0}`.text).toBe(
      '<ul><li>&lt;a&gt;</li><li>b</li></ul>0',
    );
  });

  it('passes trusted constants through unchanged', () => {
    expect(h`<style>${trusted('a > b { }')}</style>`.text).toBe('<style>a > b { }</style>');
    expect(escapeHtml('a > b')).toBe('a &gt; b');
  });
});
