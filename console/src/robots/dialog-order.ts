// The order a dialog reads best in: the start node, then breadth-first along its endings, then the nodes nothing reaches.
import type { Dialog, DialogNode } from '../types';

/** The nodes a node can go to, in the order the card lists them. */
export function targets(node: DialogNode): string[] {
  const out: string[] = [];
  if (node.ask) {
    for (const intent of node.ask.intents) out.push(intent.next);
    out.push(node.ask.default);
  }
  if (node.branch) {
    out.push(...Object.values(node.branch.cases));
    out.push(node.branch.default);
  }
  if (node.next !== undefined) out.push(node.next);
  return out;
}

export function orderNodes(dialog: Dialog): { reachable: string[]; unreachable: string[] } {
  const has = (id: string) => Object.hasOwn(dialog.nodes, id);
  const seen = new Set<string>();
  const reachable: string[] = [];
  const queue = has(dialog.start) ? [dialog.start] : [];
  if (queue.length) seen.add(dialog.start);
  while (queue.length) {
    const id = queue.shift()!;
    reachable.push(id);
    for (const next of targets(dialog.nodes[id]!)) {
      if (has(next) && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  const unreachable = Object.keys(dialog.nodes).filter((id) => !seen.has(id));
  return { reachable, unreachable };
}
