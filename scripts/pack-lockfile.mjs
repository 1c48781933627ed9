// `npm pack` (prepack / postpack): packs package-lock.json as npm-shrinkwrap.json, the one lockfile an
// installed package keeps, so `npm install -g robotcall-*.tgz` and the container image run the very
// dependency versions the tests ran (npm recommends it for command-line tools and daemons). The copy
// exists only while packing (.gitignore names it): in the checkout, package-lock.json stays the lockfile.
import { copyFileSync, rmSync } from 'node:fs';

const [action] = process.argv.slice(2);
if (action === 'write') copyFileSync('package-lock.json', 'npm-shrinkwrap.json');
else if (action === 'remove') rmSync('npm-shrinkwrap.json', { force: true });
else {
  console.error('usage: node scripts/pack-lockfile.mjs write|remove');
  process.exit(2);
}
