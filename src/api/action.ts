// What an action handler receives and returns; handlers stay thin: they read the wire's parameters,
// call the application layer (src/app/) and shape the documented response.
import type { ParamsOf, ParamSpec } from './param-schema.js';
import type { ResultFields } from './envelope.js';
import type { AppContext } from '../app/app-context.js';

export interface ActionContext extends AppContext {
  /** Public URL of a called file's .xlsx (D5: from --public-url, else the server's own address). */
  fileUrl: (fileName: string) => string;
  /** Signed URL of a call's recording, or null when none is kept (recording-links.ts). */
  recordingUrl: (taskId: number, callId: number) => string | null;
}

export interface ActionDef<S extends Record<string, ParamSpec> = Record<string, ParamSpec>> {
  params: S;
  handle(params: ParamsOf<S>, ctx: ActionContext): Promise<ResultFields>;
}

/** Keeps each action's parameter types flowing into its handler. */
export function defineAction<S extends Record<string, ParamSpec>>(def: ActionDef<S>): ActionDef<S> {
  return def;
}
