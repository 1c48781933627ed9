// The signature header of a pushed batch (docs/decisions.md D16): HMAC-SHA256 under the account's
// receipt secret over `timestamp.messageId.body`, so a receiver can check who sent the batch, that
// the body and its message id are the ones signed, and how old the signing is (to refuse a replay).
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-robotcall-signature';
/** Every delivery carries it (deliverer.ts); the admin API refuses requests that do (api/admin/admin-guard.ts). */
export const RECEIPT_MESSAGE_ID_HEADER = 'x-robotcall-message-id';

/** The header's value: `t=<unix seconds>,v1=<hex HMAC>`. */
export function signatureHeader(secret: string, unixSeconds: number, messageId: string, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${messageId}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
