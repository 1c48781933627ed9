// The console sign-in proof (docs/console.md): HMAC-SHA256 of a challenge under the secret, made in WebCrypto so the secret is never sent or kept.

export interface SignInProof {
  accessKeyId: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

/** WebCrypto exists only in a secure context (https, or http on localhost). */
export const canSign = (): boolean => typeof crypto !== 'undefined' && !!crypto.subtle && typeof crypto.randomUUID === 'function';

function base64(bytes: ArrayBuffer): string {
  let binary = '';
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  return btoa(binary);
}

export async function signIn(accessKeyId: string, secret: string): Promise<SignInProof> {
  // ISO 8601 UTC without milliseconds, e.g. 2026-12-01T10:00:00Z.
  const timestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const nonce = crypto.randomUUID();
  const utf8 = new TextEncoder();
  // Non-extractable: once imported, not even this page can read the secret back out of the key.
  const key = await crypto.subtle.importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, utf8.encode(`robotcall-console-signin\n${accessKeyId}\n${timestamp}\n${nonce}`));
  return { accessKeyId, timestamp, nonce, signature: base64(mac) };
}
