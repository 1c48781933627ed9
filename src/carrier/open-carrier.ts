// The carrier a process dials with (`--carrier`): the simulated one (docs/decisions.md D8), or SIP
// through a trunk (D15), whose user agent, RTP ports and voice are set up here, refused at startup
// with a message naming the option when they cannot be (espeak-ng missing, the SIP port taken).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { recordingsDirOf, type Config } from '../config.js';
import type { Carrier } from './carrier.js';
import type { Ledger } from './ledger.js';
import type { ScenarioBook } from './scenarios.js';
import { simulatedCarrier } from './simulated-carrier.js';
import { MediaThread } from './sip/media-thread.js';
import { sipCarrier } from './sip/sip-carrier.js';
import { espeakMissing, SpeechCache } from './sip/speech.js';
import { httpRecognizer } from './sip/speech-recognizer.js';
import { SipUserAgent } from './sip/user-agent.js';

export class CarrierSetupError extends Error {}

export interface OpenedCarrier {
  carrier: Carrier;
  /** For the startup notice. */
  describe: string;
  close(): Promise<void>;
}

export interface CarrierDeps {
  scenarios: ScenarioBook;
  ledger: Ledger;
  wallNow: () => number;
  /** Speech recognition failed (the reply is taken as no input). */
  onError: (err: unknown) => void;
  /** The trunk could not be reached: logged, at most once a minute for the same reason. */
  warn: (message: string) => void;
}

export async function openCarrier(config: Config, deps: CarrierDeps): Promise<OpenedCarrier> {
  if (config.carrier === 'simulated') {
    return {
      carrier: simulatedCarrier({ seed: config.carrierSeed, timing: config.carrierTiming, scenarios: deps.scenarios, ledger: deps.ledger, latencyMs: config.carrierLatency }),
      describe: `carrier simulated (seed ${config.carrierSeed}, timing ${config.carrierTiming})`,
      close: async () => {},
    };
  }
  const trunk = config.sipTrunk!;
  await checkTrunk(trunk.host, config.sipLocalAddress);
  const missing = espeakMissing();
  if (missing) throw new CarrierSetupError(`--carrier sip speaks the robot's dialog with espeak-ng, and ${missing}`);
  let ua: SipUserAgent;
  try {
    ua = await SipUserAgent.open({
      protocol: config.sipTransport, localAddress: config.sipLocalAddress, localPort: config.sipPort, trunk,
      credentials: config.sipUsername === null ? null : { username: config.sipUsername, password: config.sipPassword ?? '' },
      ringTimeoutMs: config.ringTimeout * 1000,
      onTrunkProblem: onceAMinute(deps.warn, deps.wallNow),
    });
  } catch (err) {
    throw new CarrierSetupError(`cannot listen for SIP on ${config.sipTransport} ${config.sipLocalAddress}:${config.sipPort} `
      + `(--sip-local-address, --sip-port): ${(err as Error).message}`);
  }
  const dataDir = path.resolve(config.dataDir);
  const thread = new MediaThread({ address: config.sipLocalAddress, from: config.rtpPorts.from, to: config.rtpPorts.to },
    (err) => deps.warn(`the media thread failed (its calls lost their audio; the next call starts a new one): ${err.message}`));
  const carrier = sipCarrier({
    ua,
    media: { thread, address: config.sipLocalAddress },
    speech: new SpeechCache(path.join(dataDir, 'speech')),
    recordingsDir: recordingsDirOf(config),
    ledger: deps.ledger,
    noInputMs: config.inputTimeout * 1000,
    recognizer: config.asrUrl ? httpRecognizer(config.asrUrl, deps.onError) : null,
    wallNow: deps.wallNow,
  });
  return {
    carrier,
    describe: `carrier sip (trunk ${trunk.host}:${trunk.port} over ${config.sipTransport}, `
      + `SIP on ${ua.local.address}:${ua.local.port}, RTP ${config.rtpPorts.from}-${config.rtpPorts.to}`
      + `${config.asrUrl ? `, speech recognition at ${config.asrUrl}` : ''})`,
    close: async () => {
      await ua.close();
      await thread.close();
    },
  };
}

/** The trunk's name resolves, to an address of the local address's family (an IPv4 socket cannot reach IPv6). */
async function checkTrunk(host: string, localAddress: string): Promise<void> {
  let family: number;
  try {
    ({ family } = await lookup(host));
  } catch (err) {
    throw new CarrierSetupError(`cannot resolve the SIP trunk ${host} (--sip-trunk): ${(err as Error).message}`);
  }
  if (family !== isIP(localAddress)) {
    throw new CarrierSetupError(`the SIP trunk ${host} is an IPv${family} address and --sip-local-address ${localAddress} is IPv${isIP(localAddress)}: `
      + 'give a local address of the same family');
  }
}

/** Says each distinct problem at most once a minute: a trunk that is down fails every call. */
function onceAMinute(say: (message: string) => void, now: () => number): (message: string) => void {
  const last = new Map<string, number>();
  return (message) => {
    const at = now();
    if ((last.get(message) ?? -Infinity) > at - 60_000) return;
    if (last.size > 100) last.clear();
    last.set(message, at);
    say(message);
  };
}
