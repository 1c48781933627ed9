// `npm run bench`: every benchmark, each against a baseline measured in the same run.
import { benchGateway } from './gateway.js';

await benchGateway();
