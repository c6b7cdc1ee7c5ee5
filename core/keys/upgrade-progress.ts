import type { UpgradeStep } from './security';

/**
 * What the station is doing while a new version upgrades its store, in words for whoever sits in front of it. The
 * upgrade runs before the window can open (encrypting a plaintext store, or converting it to the current cipher:
 * about 12 s for a 316 MB store here, a minute for a county's), so the hosts show these lines instead of nothing:
 * serve mode on its console, the Electron app in a small window of its own (electron/main/upgrade-window.ts).
 *
 * The core reports each step when it is done (core/keys/open-store.ts); a line names the step that comes next.
 */
const NEXT: Readonly<Record<Exclude<UpgradeStep, 'attachment'>, string>> = {
  keys: '准备数据库',
  checkpoint: '复制数据库（第 1/4 步）',
  copy: '加密数据库副本（第 2/4 步）',
  encrypt: '校验加密后的副本（第 3/4 步）',
  verify: '以加密副本替换原数据库（第 4/4 步）',
  swap: '记录新的加密方式',
  envelope: '打开数据库',
  done: '升级完成，正在启动',
};

/** A line every this many attachment files (a station has thousands). */
const ATTACHMENTS_PER_LINE = 200;

export class UpgradeProgress {
  private startedAt: number | null = null;
  private attachments = 0;

  constructor(
    private readonly say: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The core's onUpgradeStep: called after each step of an upgrade. */
  readonly step = (step: UpgradeStep): void => {
    // A new store is sealed at once ('done' alone): nothing was upgraded, nothing to say.
    if (step === 'done' && this.startedAt === null) return;
    const now = this.now();
    this.startedAt ??= now;
    const seconds = Math.round((now - this.startedAt) / 1000);
    let doing: string;
    if (step === 'attachment') {
      this.attachments++;
      if (this.attachments % ATTACHMENTS_PER_LINE !== 0) return;
      doing = `加密附件：已完成 ${this.attachments} 个`;
    } else {
      doing = NEXT[step];
    }
    const tail = step === 'done' ? '' : '。请勿关闭电脑或断电，完成后自动打开';
    this.say(`正在升级本站数据的加密保护：${doing}（已用 ${seconds} 秒）${tail}`);
  };
}
