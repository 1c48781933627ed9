// Decides when each due callee is dialed inside an engine-time window [from, to), never exceeding
// the per-task and per-account concurrency or the per-account pace (docs/architecture.md §5). Pure: for
// each round the engine loads it with what the database holds (the calls holding lines and the
// accounts' pace, read under the accounts' dial locks, docs/decisions.md D14), plans, and stores the
// pace back, so the limits hold across every process on the database.
//
// A line ("slot") is free from a known time on. A planned call holds its task line and account line
// until the carrier says when it ends, so each round plans at most one call per line; the engine
// dials the round and plans the next. With instant calls (carrier timing zero) a call holds no line.

export interface Limits {
  taskConcurrency: number;
  accountConcurrency: number;
  /** Calls started per engine-clock second, per account: starts are at least 1000 / N ms apart. */
  callsPerSecond: number;
}

export interface Due {
  taskId: number;
  accountId: number;
  dueAt: number;
}

export interface Planned<T extends Due> {
  callee: T;
  startAt: number;
}

/** A line's free time: -Infinity free, Infinity held by a call whose end is not known yet. */
interface Line { freeAt: number }

const PENDING = Infinity;

export class DialPlanner {
  private readonly taskLines = new Map<number, Line[]>();
  private readonly accountLines = new Map<number, Line[]>();
  /** Earliest start the pace allows, per account (it may lie beyond the window). */
  private paceNext = new Map<number, number>();
  private readonly spacing: number;

  constructor(private readonly limits: Limits, private readonly instant: boolean) {
    this.spacing = 1000 / limits.callsPerSecond;
  }

  /**
   * Starts a round: forgets everything, takes the accounts' pace, and lays the calls holding lines
   * on them again. Calls planned earlier may not have started yet, so a line can hold a chain of
   * calls: each call goes on a line that is free at its start (interval partitioning, earliest start
   * first), and the line stays held until the chain's last end (end null = not known yet).
   */
  load(inFlight: ReadonlyArray<{ taskId: number; accountId: number; startsAt: number; endsAt: number | null }>, pace: ReadonlyMap<number, number>): void {
    this.taskLines.clear();
    this.accountLines.clear();
    this.paceNext = new Map(pace);
    if (this.instant) return;
    for (const c of [...inFlight].sort((a, b) => a.startsAt - b.startsAt)) {
      const end = c.endsAt ?? PENDING;
      for (const lines of [
        this.lines(this.taskLines, c.taskId, this.limits.taskConcurrency),
        this.lines(this.accountLines, c.accountId, this.limits.accountConcurrency),
      ]) {
        const line = lines.find((l) => l.freeAt <= c.startsAt) ?? earliest(lines);
        line.freeAt = Math.max(line.freeAt, end);
      }
    }
  }

  /** How many more calls a task could start in this window: the claim size for it. */
  capacity(taskId: number, accountId: number, to: number): number {
    // Infinity when the account has not dialed yet; the caller caps the claim.
    const paceRoom = Math.max(0, Math.ceil((to - (this.paceNext.get(accountId) ?? -Infinity)) / this.spacing));
    if (this.instant) return paceRoom;
    const free = (lines: Line[]) => lines.filter((l) => l.freeAt < to).length;
    const taskFree = free(this.lines(this.taskLines, taskId, this.limits.taskConcurrency));
    const accountFree = free(this.lines(this.accountLines, accountId, this.limits.accountConcurrency));
    return Math.min(taskFree, accountFree, paceRoom);
  }

  /**
   * Plans one round over `due` (most overdue first). Returns the planned calls and, for accounts
   * whose pace pushed a call past the window, the time the pace allows the next one.
   */
  planRound<T extends Due>(due: readonly T[], from: number, to: number): { planned: Planned<T>[]; paceWaitUntil: number | null } {
    const planned: Planned<T>[] = [];
    let paceWaitUntil: number | null = null;
    for (const callee of due) {
      let startAt = Math.max(from, callee.dueAt, this.paceNext.get(callee.accountId) ?? -Infinity);
      const lines: Line[] = [];
      if (!this.instant) {
        const taskLine = earliest(this.lines(this.taskLines, callee.taskId, this.limits.taskConcurrency));
        const accountLine = earliest(this.lines(this.accountLines, callee.accountId, this.limits.accountConcurrency));
        if (taskLine.freeAt === PENDING || accountLine.freeAt === PENDING) continue;
        startAt = Math.max(startAt, taskLine.freeAt, accountLine.freeAt);
        lines.push(taskLine, accountLine);
      }
      startAt = Math.ceil(startAt);
      if (startAt >= to) {
        const paceAt = this.paceNext.get(callee.accountId);
        if (paceAt !== undefined && paceAt >= to) paceWaitUntil = Math.min(paceWaitUntil ?? Infinity, Math.ceil(paceAt));
        continue;
      }
      for (const l of lines) l.freeAt = PENDING;
      this.paceNext.set(callee.accountId, startAt + this.spacing);
      planned.push({ callee, startAt });
    }
    return { planned, paceWaitUntil };
  }

  /** When the pace lets the account start its next call, if that is at or after `to` (it has no room in the window). */
  paceBlockedUntil(accountId: number, to: number): number | null {
    const at = this.paceNext.get(accountId);
    return at !== undefined && at >= to ? Math.ceil(at) : null;
  }

  /** The pace to store for these accounts after the round. */
  paceOf(accountIds: Iterable<number>): Map<number, number> {
    const out = new Map<number, number>();
    for (const id of accountIds) {
      const at = this.paceNext.get(id);
      if (at !== undefined) out.set(id, at);
    }
    return out;
  }

  private lines(map: Map<number, Line[]>, id: number, size: number): Line[] {
    let lines = map.get(id);
    if (!lines) map.set(id, (lines = Array.from({ length: size }, () => ({ freeAt: -Infinity }))));
    return lines;
  }
}

function earliest(lines: Line[]): Line {
  let best = lines[0]!;
  for (const l of lines) if (l.freeAt < best.freeAt) best = l;
  return best;
}
