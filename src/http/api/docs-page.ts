// GET /api/docs: a self-contained HTML page (no CDN, no script) listing every operation with
// its parameters, body and response schemas and an example. Served to loopback clients only.
import type { FastifyInstance } from 'fastify';
import type { ApiRoute } from './define.ts';
import { buildOpenApi, SAMPLE_IDS } from './openapi.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pre = (v: unknown) => `<pre>${esc(JSON.stringify(v, null, 2))}</pre>`;
const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

export function renderDocs(routes: readonly ApiRoute[]): string {
  const doc = buildOpenApi(routes) as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters: unknown[];
          requestBody?: { content: Record<string, { schema: unknown }> };
          responses: Record<string, { content?: { 'application/json': { schema: unknown } } }>;
        }
      >
    >;
  };
  const tags = [...new Set(routes.map((r) => r.tag))];
  const sections = tags.map((tag) => {
    const ops = routes
      .filter((r) => r.tag === tag)
      .map((r) => {
        const path = `/api/v1${r.path.replace(/:(\w+)/g, '{$1}')}`;
        const op = doc.paths[path]?.[r.method.toLowerCase()];
        const example = r.example?.(SAMPLE_IDS);
        const ok = op && Object.entries(op.responses).find(([k]) => k !== 'default');
        return `<details><summary><b class="m ${r.method}">${r.method}</b> <code>${esc(path)}</code> — ${esc(r.summary)} <small>(${esc(r.auth)})</small></summary>
${op?.parameters.length ? `<h4>Parameters</h4>${pre(op.parameters)}` : ''}
${
  op?.requestBody
    ? Object.entries(op.requestBody.content)
        .map(([type, c]) => `<h4>Body (${esc(type)})</h4>${pre(c.schema)}`)
        .join('')
    : ''
}
${example ? `<h4>Example</h4>${pre(example)}` : ''}
${
  ok?.[1].content
    ? Object.entries(ok[1].content)
        .map(([type, c]) => `<h4>Response ${ok[0]} (${esc(type)})</h4>${pre(c.schema)}`)
        .join('')
    : ''
}
</details>`;
      });
    return `<h2 id="${esc(tag)}">${esc(tag)}</h2>${ops.join('\n')}`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Relance API</title>
<style>body{font:15px/1.4 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto;font-size:12px}
details{border-bottom:1px solid #ddd;padding:.3rem 0}.m{display:inline-block;width:4.5rem}.GET{color:#06c}.POST{color:#080}.PUT,.PATCH{color:#a60}.DELETE{color:#c00}</style></head>
<body><h1>Relance staff API</h1><p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
Sign in with <code>POST /api/v1/session</code> (cookie + <code>csrf_token</code> to send as <code>X-CSRF-Token</code>) or send <code>Authorization: Bearer &lt;API token&gt;</code>.
Errors: <code>{"error":{"code","message","field"}}</code>. Lists take <code>limit</code> and <code>cursor</code> and return <code>next_cursor</code>.</p>
<nav>${tags.map((t) => `<a href="#${esc(t)}">${esc(t)}</a>`).join(' · ')}</nav>${sections.join('\n')}</body></html>`;
}

export function registerDocsPage(app: FastifyInstance, routes: readonly ApiRoute[]): void {
  let html: string | null = null;
  app.get('/api/docs', async (request, reply) => {
    if (!LOOPBACK.test(request.socket.remoteAddress ?? '')) {
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: 'The API docs page is served on loopback only' } });
    }
    return reply.type('text/html; charset=utf-8').send((html ??= renderDocs(routes)));
  });
}
