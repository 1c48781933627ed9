// What a failed listen means for the person who started robotcall: which flag to change, in words.
export function listenError(err: unknown, host: string, port: number, flags = { port: '--port', host: '--host' }): Error {
  const code = (err as NodeJS.ErrnoException).code;
  const where = `port ${port} on ${host}`;
  const why = {
    EADDRINUSE: `${where} is in use (${flags.port}): stop what holds it or choose another port (0 picks a free one)`,
    EACCES: `no permission to listen on ${where} (${flags.port}): ports below 1024 need privileges; choose another port`,
    EADDRNOTAVAIL: `${flags.host} ${host} is not an address of this machine: bind one of its addresses, 127.0.0.1 or 0.0.0.0`,
    ENOTFOUND: `${flags.host} ${host} does not resolve to an address: give an IP address or a resolvable name`,
    EAI_AGAIN: `${flags.host} ${host} could not be resolved right now: give an IP address or a resolvable name`,
  }[code ?? ''];
  return why ? new Error(why, { cause: err }) : new Error(`cannot listen on ${where}: ${(err as Error).message ?? String(err)}`, { cause: err });
}
