// A refused admin operation (admin API or CLI): a status to answer with and a message for a person.
export class AdminError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}
