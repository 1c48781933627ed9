// One readable line for the first problem zod found, with its path: `dialog.nodes.hi.next: Required`.
import type { z } from 'zod';

export function firstIssue(root: string, error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${root}${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`;
}
