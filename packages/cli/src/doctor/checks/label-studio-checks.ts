import { isLsmlError, upstreamStatus } from '@lsml/core';
import type { DoctorContext } from '../doctor-context.js';

/** Label Studio answers its API at the URL given, and which version it is. */
export async function checkLabelStudio(ctx: DoctorContext): Promise<void> {
  const { url } = ctx.target;
  try {
    const version = await ctx.session.labelStudio.version();
    ctx.reachable = true;
    ctx.checks.ok(
      'label-studio',
      `Label Studio ${version.release ?? '(version unknown)'} at ${url}`,
    );
  } catch (error) {
    const status = upstreamStatus(error);
    // An older Label Studio may keep /api/version behind login: the token check tells the rest.
    if (status === 401 || status === 403 || status === 404) {
      ctx.reachable = true;
      ctx.checks.ok('label-studio', `Label Studio at ${url} (it does not say its version)`);
      return;
    }
    ctx.checks.fail(
      'label-studio',
      `Label Studio is not reachable at ${url}: ${message(error)}`,
      'pass --label-studio (or LABEL_STUDIO_URL) as the address Label Studio answers at from this machine, e.g. http://localhost:8080',
    );
  }
}

/** The token is accepted, and which kind it is. */
export async function checkToken(ctx: DoctorContext): Promise<void> {
  if (!ctx.reachable) {
    ctx.checks.skip('token', 'token not checked: Label Studio is not reachable');
    return;
  }
  const auth = ctx.session.resolver.auth();
  const kind = auth?.kind === 'personal' ? 'personal access token' : 'legacy token';
  try {
    const user = await ctx.session.labelStudio.whoami();
    ctx.authorized = true;
    const who = user.email ?? user.username ?? `user ${String(user.id ?? '?')}`;
    const how =
      auth?.kind === 'personal' ? ', exchanged for an access token at /api/token/refresh/' : '';
    ctx.checks.ok('token', `The ${kind} works (${who}${how})`);
    if (auth?.facts.jwtType === 'access')
      ctx.checks.warn(
        'token-kind',
        'The key is an access token, not a personal access token: it stops working within minutes',
        'copy the personal access token itself (Account & Settings → Personal Access Token)',
      );
  } catch (error) {
    if (!isLsmlError(error)) throw error;
    ctx.checks.fail(
      'token',
      `Label Studio refused the ${kind}: ${error.message}`,
      tokenFix(kind, error.message),
    );
  }
}

function tokenFix(kind: string, said: string): string {
  if (/legacy token authentication has been disabled/i.test(said))
    return 'legacy tokens are off for this organization: use a personal access token, or turn legacy tokens on (Organization → Settings → Access Token Settings)';
  if (/predates personal access tokens/.test(said))
    return 'this Label Studio takes legacy tokens only: use the token from Account & Settings (or set LABEL_STUDIO_TOKEN_KIND=legacy)';
  if (kind === 'personal access token')
    return 'create a new personal access token (Account & Settings → Personal Access Token) and pass it as --api-key';
  return 'copy the token again from Account & Settings (Legacy Token), or use a personal access token';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
