/** A URL safe to print: no credentials, no query (presigned URLs carry signatures there). */
export function describeUrl(url: string | URL): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    // Non-special schemes (s3:, gs:, azure-blob:) have the origin "null": spell out the host.
    const origin = u.origin === 'null' ? `${u.protocol}//${u.host}` : u.origin;
    return `${origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return String(url).slice(0, 120);
  }
}
