// Loaded into every test file (--import): once the file's tests are done, anything still holding
// the event loop open (a server, a pool, a timer) fails the file instead of hanging the run forever.
import { after } from 'node:test';

const GRACE_MS = 5000;

after(() => {
  const timer = setTimeout(() => {
    console.error(`leaked handles keep this test file alive: ${process.getActiveResourcesInfo().join(', ')}`);
    process.exit(1);
  }, GRACE_MS);
  timer.unref();
});
