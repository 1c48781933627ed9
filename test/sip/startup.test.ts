// `serve --carrier sip` refuses, at startup and in one line naming the option, what cannot work:
// a trunk whose name does not resolve, a trunk of the other address family than the local address,
// a host name as the local address, and a machine without espeak-ng (no voice for the robot).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/process.js';

async function serve(args: string[], env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'robotcall-sip-startup-'));
  try {
    return await runCli(['serve', '--port', '0', '--data-dir', dir, '--carrier', 'sip', '--sip-port', '0', ...args], env);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a trunk that does not resolve, or of the other family, and a host name as local address are refused', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--sip-trunk', 'sip:no-such-host.invalid'], /^robotcall: cannot resolve the SIP trunk no-such-host\.invalid \(--sip-trunk\)/m],
    [['--sip-trunk', 'sip:[::1]:5080'], /^robotcall: the SIP trunk ::1 is an IPv6 address and --sip-local-address 127\.0\.0\.1 is IPv4/m],
    [['--sip-trunk', 'sip:127.0.0.1', '--sip-local-address', 'localhost'], /^robotcall: invalid sip local address \(--sip-local-address \/ ROBOTCALL_SIP_LOCAL_ADDRESS\): must be an IP address/m],
  ];
  for (const [args, message] of cases) {
    const r = await serve(args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'one line, no stack');
  }
});

test('without espeak-ng on the PATH the SIP carrier is refused, naming the package', async () => {
  // A PATH with nothing on it: robotcall itself runs from process.execPath.
  const empty = mkdtempSync(path.join(tmpdir(), 'robotcall-empty-path-'));
  const r = await serve(['--sip-trunk', 'sip:127.0.0.1'], { PATH: empty });
  rmSync(empty, { recursive: true, force: true });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^robotcall: --carrier sip speaks the robot's dialog with espeak-ng, and espeak-ng is not installed: apt-get install -y espeak-ng/m);
});
