import { readFileSync, readdirSync } from 'node:fs';

/**
 * Where the CPU goes during a timed part of a benchmark, from /proc (Linux only; elsewhere it reports nothing):
 * CPU seconds of this process (the simulated clients), of named child processes (the servers), of the processes
 * of one PostgreSQL cluster (the postmaster whose command line names its port, and its children), and of the whole
 * machine (what else ran meanwhile: other people's work on a shared machine). Processes are sampled every 250 ms
 * and each keeps its last reading, so a backend that exits during the window still counts (up to its last sample).
 */
const TICK = 100; // USER_HZ: clock ticks per second, 100 on every Linux this runs on

interface Proc {
  ppid: number;
  ticks: number;
  sys: number;
}

function readProc(pid: number): Proc | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces and parentheses: the fields after it start after the last ')'.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), sys: Number(f[12]) };
  } catch {
    return null;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3]! + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export interface CpuShare {
  wallSec: number;
  clientSec: number;
  serversSec: number;
  postgresSec: number;
  /** Of each, the part spent in the kernel (system calls: sockets, files, fsync). */
  kernelSec: { client: number; servers: number; postgres: number };
  machineBusySec: number;
  cores: number;
}

export class CpuSampler {
  private readonly first = new Map<number, { ticks: number; sys: number }>();
  private readonly last = new Map<number, { group: 'client' | 'server' | 'postgres'; ticks: number; sys: number }>();
  private timer: NodeJS.Timeout | null = null;
  private t0 = 0;
  private m0 = { busy: 0, total: 0 };
  private postmaster: number | null = null;
  private readonly ok: boolean;

  /** `serverPids`: the server processes; `pgPort`: the port of the PostgreSQL cluster (its postmaster's -c port=…). */
  constructor(
    private readonly serverPids: readonly number[],
    private readonly pgPort: number | null,
  ) {
    this.ok = process.platform === 'linux';
  }

  /**
   * The processes to read: this one, the servers, the postmaster and its children. Its children come from
   * /proc/<pid>/task/<pid>/children where the kernel has it: reading every process's stat four times a second
   * cost this process (and the cores the servers share) about 0.3 s in a 6 s run.
   */
  private pidsToRead(): number[] {
    if (this.postmaster === null) return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
    try {
      const children = readFileSync(`/proc/${this.postmaster}/task/${this.postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      return [process.pid, ...this.serverPids, this.postmaster, ...children];
    } catch {
      return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
    }
  }

  private sample(into: Map<number, { ticks: number; sys: number }> | null): void {
    if (this.postmaster === null && this.pgPort !== null) {
      const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
      this.postmaster = all.find((p) => /(^|\/)postgres /.test(cmdline(p)) && cmdline(p).includes(`port=${this.pgPort}`)) ?? null;
    }
    for (const pid of this.pidsToRead()) {
      let group: 'client' | 'server' | 'postgres' | null = null;
      const p = readProc(pid);
      if (!p) continue;
      if (pid === process.pid) group = 'client';
      else if (this.serverPids.includes(pid)) group = 'server';
      else if (this.postmaster !== null && (pid === this.postmaster || p.ppid === this.postmaster)) group = 'postgres';
      if (group === null) continue;
      if (into && !into.has(pid)) into.set(pid, { ticks: p.ticks, sys: p.sys });
      this.last.set(pid, { group, ticks: p.ticks, sys: p.sys });
    }
  }

  start(): void {
    if (!this.ok) return;
    this.t0 = performance.now();
    this.m0 = machineTicks();
    this.sample(this.first);
    this.timer = setInterval(() => this.sample(null), 250);
    this.timer.unref();
  }

  stop(): CpuShare | null {
    if (!this.ok || this.timer === null) return null;
    clearInterval(this.timer);
    this.sample(null);
    const m1 = machineTicks();
    const sums = { client: 0, server: 0, postgres: 0 };
    const sys = { client: 0, server: 0, postgres: 0 };
    for (const [pid, l] of this.last) {
      sums[l.group] += l.ticks - (this.first.get(pid)?.ticks ?? 0);
      sys[l.group] += l.sys - (this.first.get(pid)?.sys ?? 0);
    }
    return {
      wallSec: (performance.now() - this.t0) / 1000,
      clientSec: sums.client / TICK,
      serversSec: sums.server / TICK,
      postgresSec: sums.postgres / TICK,
      kernelSec: { client: sys.client / TICK, servers: sys.server / TICK, postgres: sys.postgres / TICK },
      machineBusySec: (m1.busy - this.m0.busy) / TICK,
      cores: Math.round((m1.total - this.m0.total) / TICK / ((performance.now() - this.t0) / 1000)),
    };
  }
}

export function formatCpuShare(label: string, s: CpuShare): string {
  const other = Math.max(0, s.machineBusySec - s.clientSec - s.serversSec - s.postgresSec);
  const pct = (x: number) => `${((100 * x) / (s.wallSec * s.cores)).toFixed(0)}%`;
  const k = (x: number) => `, ${x.toFixed(1)} s of it in the kernel`;
  return (
    `(${label} CPU over ${s.wallSec.toFixed(1)} s on ${s.cores} cores: simulated stations ${s.clientSec.toFixed(1)} s (${pct(s.clientSec)}${k(s.kernelSec.client)}), ` +
    `central processes ${s.serversSec.toFixed(1)} s (${pct(s.serversSec)}${k(s.kernelSec.servers)}), PostgreSQL ${s.postgresSec.toFixed(1)} s (${pct(s.postgresSec)}${k(s.kernelSec.postgres)}), ` +
    `everything else on the machine ${other.toFixed(1)} s (${pct(other)}), idle ${pct(Math.max(0, s.wallSec * s.cores - s.machineBusySec))})`
  );
}
