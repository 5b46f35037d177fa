/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The pragmas make any TypeScript runner (tsx, esbuild, vitest) build this JSX with Hono.
import type { JSX } from 'hono/jsx/jsx-runtime';
import { StatusPage } from './page.js';
import { Sections } from './sections.js';
import type { StatusData } from './status-data.js';

/** The page's components are synchronous: their output is the HTML string itself. */
function text(node: JSX.Element): string {
  if (node instanceof Promise) throw new Error('the status page renders synchronously');
  return node.toString();
}

/** The whole page as HTML text. */
export function renderPage(data: StatusData, token: string, notice?: string): string {
  return `<!doctype html>${text(<StatusPage data={data} token={token} notice={notice} />)}`;
}

/** The live sections only, for the page's polling. */
export function renderSections(data: StatusData, token: string): string {
  return text(<Sections data={data} token={token} />);
}
