// Fails when a package's src/ has an import cycle: between files (value imports; `import type`
// is erased and cannot cycle at run time) or between its folders (any import, types included:
// a folder is a layer, and layers only point down).
// Usage: node scripts/check-import-cycles.mjs packages/core/src [more src dirs…]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[\s\S]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

function sources(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [path] : [];
  });
}

function edgesOf(root) {
  const files = new Map(); // file -> value imports
  const folders = new Map(); // folder -> imported folders (types too)
  for (const file of sources(root)) {
    const values = new Set();
    const folder = relative(root, file).split('/')[0];
    for (const [, , typeOnly, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
      if (!typeOnly) values.add(target);
      const to = relative(root, target).split('/')[0];
      if (to !== folder && !to.startsWith('..') && !to.endsWith('.ts')) {
        if (!folders.has(folder)) folders.set(folder, new Set());
        folders.get(folder).add(to);
      }
    }
    files.set(file, values);
  }
  return { files, folders };
}

/** The first cycle found by depth-first search, as a list of nodes, or undefined. */
function findCycle(graph) {
  const state = new Map(); // node -> 'open' | 'done'
  const stack = [];
  const visit = (node) => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

let failed = false;
for (const root of process.argv.slice(2).map((dir) => resolve(dir))) {
  const { files, folders } = edgesOf(root);
  for (const [kind, graph] of [
    ['folders', folders],
    ['files', files],
  ]) {
    const cycle = findCycle(graph);
    if (cycle) {
      failed = true;
      const names = kind === 'files' ? cycle.map((node) => relative(root, node)) : cycle;
      console.error(
        `import cycle between ${kind} of ${relative(process.cwd(), root)}: ${names.join(' -> ')}`,
      );
    }
  }
  if (!failed)
    console.log(
      `${relative(process.cwd(), root)}: no import cycles (${files.size} files, ${folders.size} folders)`,
    );
}
process.exit(failed ? 1 : 0);
