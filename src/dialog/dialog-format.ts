// The robot dialog format (docs/decisions.md D12): a JSON graph of nodes. Each node may say a text (with
// ${var} from the callee's TtsParam), add a label, and then does exactly one thing: ask (match the
// callee's reply to intents by keywords, or by the key pressed), branch (on a TTS variable), go to `next`, hang up, or
// transfer to an agent number. The README documents it; validate() is the only way in.
import { z } from 'zod';
import { INTENT_KINDS } from '../domain/conversation.js';
import { firstIssue } from '../zod-message.js';


/**
 * Sizes (README "Limits"): a dialog is a script a person writes, so these are far above any real
 * one, and keep a robot's stored dialog, and the work of one call, small. `say` and branch values
 * match the longest TtsParam value; a label lands in `label`/`tags` joined with others.
 */
export const DIALOG_LIMITS = { nodes: 200, nodeId: 64, say: 500, label: 50, intents: 20, keywords: 50, keyword: 50, variable: 50, cases: 100, caseValue: 500 };
const L = DIALOG_LIMITS;

// `__proto__` names no node or value: as a record key zod drops it silently (it would set a
// prototype), so the dialog would run without it. Refused by name instead (protoKey below).
const PROTO = '__proto__';
const nodeId = z.string().min(1).max(L.nodeId).refine((k) => k !== PROTO, `${PROTO} cannot name a node`);
const label = z.string().min(1).max(L.label);
const atMost = (n: number, what: string) => [(r: Record<string, unknown>) => Object.keys(r).length <= n, `at most ${n} ${what}`] as const;

const intent = z.object({
  kind: z.enum(INTENT_KINDS),
  keywords: z.array(z.string().min(1).max(L.keyword)).min(1).max(L.keywords),
  /** Keys that choose this intent on a live call (RFC 4733 events): one key each. */
  digits: z.array(z.string().regex(/^[0-9*#]$/, 'a key: 0-9, * or #')).min(1).max(12).optional(),
  next: nodeId,
  label: label.optional(),
}).strict();

const node = z.object({
  say: z.string().max(L.say).optional(),
  label: label.optional(),
  ask: z.object({ intents: z.array(intent).min(1).max(L.intents), default: nodeId }).strict().optional(),
  branch: z.object({
    var: z.string().min(1).max(L.variable),
    cases: z.record(z.string().max(L.caseValue), nodeId).refine(...atMost(L.cases, 'cases')),
    default: nodeId,
  }).strict().optional(),
  next: nodeId.optional(),
  hangup: z.literal(true).optional(),
  transfer: z.string().regex(/^\d{3,20}$/, 'a phone number').optional(),
}).strict();

const dialog = z.object({
  start: nodeId,
  nodes: z.record(nodeId, node).refine(...atMost(L.nodes, 'nodes')),
}).strict();

export type Dialog = z.infer<typeof dialog>;
export type DialogNode = z.infer<typeof node>;
export type Intent = z.infer<typeof intent>;

const ENDINGS = ['ask', 'branch', 'next', 'hangup', 'transfer'] as const;

export class DialogError extends Error {}

/** Parses and checks a dialog: shape, exactly one ending per node, every reference defined. */
export function validateDialog(input: unknown): Dialog {
  const proto = protoKey(input);
  if (proto) throw new DialogError(`${proto}: ${PROTO} cannot name a node or a branch value`);
  const parsed = dialog.safeParse(input);
  if (!parsed.success) throw new DialogError(firstIssue('dialog', parsed.error));
  const d = parsed.data;
  const defined = (id: string, where: string) => {
    if (!Object.hasOwn(d.nodes, id)) throw new DialogError(`${where} names node "${id}", which is not defined`);
  };
  defined(d.start, 'dialog.start');
  for (const [id, n] of Object.entries(d.nodes)) {
    const endings = ENDINGS.filter((e) => n[e] !== undefined);
    if (endings.length !== 1) {
      throw new DialogError(`dialog.nodes.${id}: needs exactly one of ${ENDINGS.join(', ')}; has ${endings.length ? endings.join(', ') : 'none'}`);
    }
    if (n.next !== undefined) defined(n.next, `dialog.nodes.${id}.next`);
    n.ask?.intents.forEach((i, k) => defined(i.next, `dialog.nodes.${id}.ask.intents[${k}].next`));
    if (n.ask) defined(n.ask.default, `dialog.nodes.${id}.ask.default`);
    if (n.branch) {
      defined(n.branch.default, `dialog.nodes.${id}.branch.default`);
      for (const [value, next] of Object.entries(n.branch.cases)) defined(next, `dialog.nodes.${id}.branch.cases.${value}`);
    }
  }
  return d;
}

/** Where the raw input uses `__proto__` as a node name or a branch value, before zod drops it. */
function protoKey(input: unknown): string | null {
  const nodes = (input as { nodes?: unknown } | null)?.nodes;
  if (typeof nodes !== 'object' || nodes === null) return null;
  if (Object.hasOwn(nodes, PROTO)) return 'dialog.nodes';
  for (const [id, n] of Object.entries(nodes)) {
    const cases = (n as { branch?: { cases?: unknown } } | null)?.branch?.cases;
    if (typeof cases === 'object' && cases !== null && Object.hasOwn(cases, PROTO)) return `dialog.nodes.${id}.branch.cases`;
  }
  return null;
}
