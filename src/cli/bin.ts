// Process entry: runs the CLI and turns a failure into one line on stderr and exit code 1.
import { main } from './main.js';

main(process.argv).catch((err: unknown) => {
  console.error(`robotcall: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
