/**
 * The API service's environment from a docker-compose.yml shaped like the examples': the
 * `environment:` block of `x-backend`, `${VAR:-default}` taken at its default.
 */
export function composeEnv(text: string): Record<string, string> {
  const block = /^ {2}environment:.*\n((?: {4}.*\n|\s*\n)+)/m.exec(text)?.[1] ?? '';
  const env: Record<string, string> = {};
  for (const [, key = '', raw = ''] of block.matchAll(/^ {4}([A-Z_][A-Z0-9_]*): *(.*)$/gm)) {
    env[key] = raw.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/^'(.*)'$/, '$1');
  }
  return env;
}
