// What the RPC endpoint tells the metrics (README "Metrics"): a port, so the gateway knows no
// metrics library (src/metrics/ implements it; src/main.ts wires it).

export interface RpcMetrics {
  /**
   * One request answered: the action as robotcall knows it (`other` for one it does not, so a
   * client cannot make up label values), the code it answered (`OK` or the error code) and how
   * long it took, in seconds.
   */
  request(action: string, code: string, seconds: number): void;
}
