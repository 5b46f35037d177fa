/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The pragmas make any TypeScript runner (tsx, esbuild, vitest) build this JSX with Hono.
import { raw } from 'hono/html';
import { Sections } from './sections.js';
import type { StatusData } from './status-data.js';

// High-contrast palette (WCAG AA on both backgrounds), system fonts, no external asset.
const CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1a1a1a;--muted:#555;--line:#d0d0d0;--card:#f6f7f9;--accent:#0b5cad;--kept:#1b7f3b;--edited:#a15c00;--removed:#b3261e;--empty:#e4e4e4}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#eceff1;--muted:#b0b6bc;--line:#3a3f45;--card:#1c1f23;--accent:#7cb8ff;--kept:#4cc36f;--edited:#f0a43a;--removed:#ff7b72;--empty:#2c3036}}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
header{padding:12px 16px;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:4px 16px;align-items:baseline}
h1{font-size:1.3rem;margin:0}h2{font-size:1.1rem;margin:0 0 8px}h3{font-size:1rem;margin:0 0 8px}
main{padding:16px;display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(min(100%,520px),1fr))}
section{min-width:0}.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:12px;margin-bottom:12px}
.muted{color:var(--muted)}.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}thead th{font-weight:600}
.tag{display:inline-block;margin-left:6px;padding:0 6px;border-radius:8px;border:1px solid var(--accent);color:var(--accent);font-size:.75rem}
tr.current th{color:var(--accent)}.error{color:var(--removed)}.state-failed{color:var(--removed);font-weight:600}.state-active{color:var(--accent);font-weight:600}
button{font:inherit;padding:4px 10px;border-radius:4px;border:1px solid var(--accent);background:var(--bg);color:var(--accent);cursor:pointer}
button:hover{background:var(--accent);color:var(--bg)}:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.chart{width:100%;max-width:480px;height:auto;font-size:11px}.chart text{fill:var(--fg)}.bar-kept{fill:var(--kept)}.bar-edited{fill:var(--edited)}.bar-removed{fill:var(--removed)}.bar-empty{fill:var(--empty)}
.controls{margin:0 0 8px;padding-left:18px}.config{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0}.config dt{font-weight:600}.config dd{margin:0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
#live[data-state=offline]{color:var(--removed)}
@media (max-width:600px){table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}table.stack tr{display:block;border-bottom:1px solid var(--line);padding:6px 0}table.stack th,table.stack td{display:block;border:0;padding:2px 8px}table.stack td[data-col]::before{content:attr(data-col) ": ";color:var(--muted)}}
`;

// Polls the sections every 2 s (10 s in a background tab) and swaps only those that changed,
// keeping keyboard focus; asks before a rollback. Relative URLs: works behind a path prefix.
const CLIENT = `
(() => {
  const main = document.getElementById('sections');
  const live = document.getElementById('live');
  const seen = new Map();
  for (const s of main.querySelectorAll('[data-section]')) seen.set(s.dataset.section, s.outerHTML);
  async function refresh() {
    try {
      const res = await fetch('status/sections', { headers: { accept: 'text/html' }, cache: 'no-store' });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      const next = document.createElement('div');
      next.innerHTML = await res.text();
      for (const section of next.querySelectorAll('[data-section]')) {
        const name = section.dataset.section;
        if (seen.get(name) === section.outerHTML) continue;
        seen.set(name, section.outerHTML);
        const current = main.querySelector('[data-section="' + name + '"]');
        const focused = current && current.contains(document.activeElement) ? document.activeElement.id : '';
        if (current) current.replaceWith(section); else main.append(section);
        if (focused) document.getElementById(focused)?.focus();
      }
      live.dataset.state = 'live';
      live.textContent = 'live · updated ' + new Date().toLocaleTimeString();
      document.dispatchEvent(new CustomEvent('lsml:refreshed'));
    } catch (error) {
      live.dataset.state = 'offline';
      live.textContent = 'cannot reach the backend (' + error.message + '): retrying';
    } finally {
      setTimeout(refresh, document.hidden ? 10000 : 2000);
    }
  }
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });
  setTimeout(refresh, 2000);
})();
`;

/** The whole status page: server-rendered, then kept live by a small inline script. */
export function StatusPage({
  data,
  token,
  notice,
}: {
  data: StatusData;
  token: string;
  notice?: string | undefined;
}) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${data.backend} · lsml status`}</title>
        <link rel="icon" href="data:," />
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <header>
          <h1>{data.backend}</h1>
          <span class="muted">lsml ML backend · {data.config.mode} mode</span>
          <span id="live" role="status" data-state="live">
            live
          </span>
        </header>
        {notice ? (
          <p role="alert" class="card" style="margin:16px">
            {notice}
          </p>
        ) : (
          ''
        )}
        <main id="sections">
          <Sections data={data} token={token} />
        </main>
        <script>{raw(CLIENT)}</script>
      </body>
    </html>
  );
}
