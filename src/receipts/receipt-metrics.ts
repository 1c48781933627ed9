// The port the deliverer records through (README "Metrics"); src/metrics implements it over prom-client.

/** What became of one try of a batch. */
export type DeliveryResult = 'delivered' | 'retry' | 'given-up';

/** One try's result, the kind of records the batch carried (VoiceReport, RobotTaskStatus), and how many. */
export type ReceiptRecorder = (result: DeliveryResult, kind: string, records: number) => void;
