import { register } from 'node:module';

// Runs in Node's loader thread, so it is plain JS. First-party code (anything outside
// node_modules) resolves packages with the `source` condition, which sends workspace packages
// to their TypeScript; when that target does not exist (a published package ships only
// dist/), it resolves again without it.
const HOOK = `
export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? '';
  if (context.conditions.includes('source') || parent.includes('/node_modules/')) {
    return next(specifier, context);
  }
  try {
    return await next(specifier, { ...context, conditions: [...context.conditions, 'source'] });
  } catch {
    return next(specifier, context);
  }
}
`;

let registered = false;

/** Lets backends loaded from TypeScript import workspace packages from their `src/`. */
export function registerSourceCondition(): void {
  if (registered) return;
  registered = true;
  register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
}
