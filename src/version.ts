// The package's version, read from its package.json (one level above src/ and dist/ alike): apart from
// the server, so `robotcall --version` and the admin commands need not load it.
import { createRequire } from 'node:module';

export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
