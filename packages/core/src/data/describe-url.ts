/** A URL safe to print: no credentials, no query (presigned URLs carry signatures there). */
export function describeUrl(url: string | URL): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return String(url).slice(0, 120);
  }
}
