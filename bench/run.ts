// `npm run bench`: every benchmark, each against a baseline measured in the same run.
import { benchEngine } from './engine.js';
import { benchGateway } from './gateway.js';
import { benchHeap } from './heap.js';
import { benchUpload } from './upload.js';

await benchGateway();
await benchHeap();
await benchUpload();
await benchEngine();
