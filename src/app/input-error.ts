// A request field the application refuses: the transports render it in their own shape (the RPC
// API as Missing<Field> / Invalid<Field>, docs/decisions.md D1; the console as JSON).
export class InputError extends Error {
  constructor(readonly kind: 'missing' | 'invalid', readonly field: string, readonly detail = '') {
    super(kind === 'missing' ? `${field} is mandatory.` : `${field} is not valid. ${detail}`.trim());
  }
}

export const missingField = (field: string) => new InputError('missing', field);
export const invalidField = (field: string, detail = '') => new InputError('invalid', field, detail);
