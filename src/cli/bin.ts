// Process entry: runs the CLI and turns a failure into one line on stderr and exit code 1.
import { main } from './main.js';

/** One line for a person: an Error's message, never its stack; a thrown non-Error as best it can be told. */
function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message
    : typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string' ? (err as { message: string }).message
      : typeof err === 'object' && err !== null ? safeJson(err) : String(err);
  return (message || (err instanceof Error ? err.name : 'unknown error')).replace(/\s*\n\s*/g, ' ');
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

main(process.argv).catch((err: unknown) => {
  console.error(`robotcall: ${oneLine(err)}`);
  process.exit(1);
});
