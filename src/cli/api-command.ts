// What the API commands share beyond their options: exit codes, and an answer of the API read as
// success or refusal (README "CLI: API commands").
import type { Encoded } from '../api/percent-encode.js';
import type { RpcCall, RpcReply } from './rpc-client.js';
import { TransportError } from './rpc-client.js';

/** Exit codes of the API commands. 1 is also what commander and src/cli/bin.ts exit with. */
export const EXIT = {
  ok: 0,
  /** A usage error, a file that cannot be read or written, a server that cannot be reached or answers other than JSON. */
  failure: 1,
  /** The API answered with a Code other than OK (its body is printed). */
  apiError: 2,
  /** `import`: the file was read and its valid rows added, but some rows were refused. */
  rowsRefused: 3,
} as const;

/** The API refused a request: its answer is shown, and the command exits EXIT.apiError. */
export class ApiRefusal extends Error {
  constructor(readonly action: string, readonly reply: RpcReply) {
    const code = typeof reply.body?.Code === 'string' ? reply.body.Code : `HTTP ${reply.status}`;
    const message = typeof reply.body?.Message === 'string' ? `: ${reply.body.Message}` : '';
    super(`${action} refused: ${code}${message}`);
  }
}

/** Whether an answer is the API's success: a JSON body whose Code is OK. */
export const isOk = (reply: RpcReply): boolean => reply.body !== null && reply.body.Code === 'OK';

/** Calls an action and returns the body of a success; a refusal throws ApiRefusal, an answer that is not the API's TransportError. */
export async function callOk(call: RpcCall, action: string, params: Record<string, string | number | Encoded>): Promise<Record<string, unknown>> {
  const reply = await call(action, new Map(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v])));
  if (reply.body === null) throw new TransportError(`${action}: the server answered HTTP ${reply.status} with a body that is not JSON: ${reply.text.slice(0, 200)}`);
  if (!isOk(reply)) throw new ApiRefusal(action, reply);
  return reply.body;
}

/** The Data text of a success, parsed. */
export function dataOf<T>(body: Record<string, unknown>): T {
  if (typeof body.Data !== 'string') throw new TransportError(`the answer has no Data text: ${JSON.stringify(body).slice(0, 200)}`);
  return JSON.parse(body.Data) as T;
}

/**
 * Runs a command's body: an ApiRefusal prints the API's answer on stderr and sets exit code 2; any
 * other error goes on to src/cli/bin.ts (one line, exit 1).
 */
export async function runApiCommand(fn: () => Promise<number | void>): Promise<void> {
  try {
    const code = await fn();
    if (code) process.exitCode = code;
  } catch (err) {
    if (!(err instanceof ApiRefusal)) throw err;
    console.error(`robotcall: ${err.message}`);
    console.error(JSON.stringify(err.reply.body));
    process.exitCode = EXIT.apiError;
  }
}
