// Who may use the admin API (README "Admin API"). Open without a token on loopback, it must still
// refuse what a browser page of another site can send: a cross-site request (its Origin) and a name
// the attacker's DNS rebinds to 127.0.0.1 (the Host that names it). Pure: headers in, refusal out.

export interface OwnAddress {
  /** The port this server listens on. */
  port: number;
  /** --public-url, when set: its host is ours too. */
  publicUrl: string | null;
}

interface HostPort { name: string; port: number | null }

const LOOPBACK_NAME = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/** `name[:port]` of a Host header or URL authority, the name lower-cased; null port when none is given. */
function hostPort(authority: string): HostPort | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(authority.trim());
  return m ? { name: m[1]!.toLowerCase(), port: m[2] === undefined ? null : Number(m[2]) } : null;
}

/** Whether `host` names the public URL: same name, and the same port, a missing one being the URL scheme's. */
function isPublicHost(host: HostPort, publicUrl: string | null): boolean {
  if (!publicUrl) return false;
  const url = new URL(publicUrl);
  const schemePort = url.protocol === 'https:' ? 443 : 80;
  return host.name === url.hostname.toLowerCase() && (host.port ?? schemePort) === (url.port ? Number(url.port) : schemePort);
}

const isOwnHost = (host: HostPort | null, own: OwnAddress) => host !== null
  && ((LOOPBACK_NAME.test(host.name) && (host.port ?? 80) === own.port) || isPublicHost(host, own.publicUrl));

/**
 * Why this request may not use the admin API, or null. `checkHost`: the Host must name this server
 * (a loopback name or address with our port, or the --public-url host). An Origin, when sent, must
 * be the origin the request is addressed to (http:// and its Host), or the --public-url's.
 */
export function foreignRequest(headers: { host?: string; origin?: string }, own: OwnAddress, checkHost: boolean): string | null {
  const host = hostPort(headers.host ?? '');
  if (checkHost && !isOwnHost(host, own)) {
    return `the admin API answers only requests addressed to this server: Host ${headers.host ?? '(none)'} is not a loopback name`
      + ` with port ${own.port}${own.publicUrl ? ` nor the host of ${own.publicUrl}` : ''}`;
  }
  if (headers.origin === undefined) return null;
  const origin = /^http:\/\/([^/]+)$/i.exec(headers.origin);
  const addressed = origin !== null && host !== null && sameHost(hostPort(origin[1]!), host);
  const ok = addressed || (own.publicUrl !== null && headers.origin.toLowerCase() === new URL(own.publicUrl).origin.toLowerCase());
  return ok ? null : `the admin API refuses requests from pages of another origin (Origin ${headers.origin})`;
}

const sameHost = (a: HostPort | null, b: HostPort) => a !== null && a.name === b.name && (a.port ?? 80) === (b.port ?? 80);

/** Changes must come as JSON: a page can send text/plain, form and multipart bodies anywhere without asking. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}
