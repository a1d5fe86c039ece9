// A small, self-contained HTML page for the public endpoints (no scripts, no outside assets).
import { escapeHtml } from '../../delivery/templates/language.ts';

export function page(language: string, title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}
a.button{display:inline-block;text-decoration:none}
button,a.button{font-size:1rem;padding:.6rem 1.2rem;background:#1f3a5f;color:#fff;border:0;border-radius:4px;cursor:pointer}
label{display:inline-block;margin:.3rem .6rem .3rem 0}textarea{width:100%;min-height:5rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;font-size:.9rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${bodyHtml}</body></html>`;
}

export { escapeHtml };
