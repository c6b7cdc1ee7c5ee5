/**
 * At most `limit` holders at once; the others wait in arrival order, each admitted as a holder leaves (the place
 * is handed over, never raced for). A limit of 0 admits everyone at once.
 */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Holders now, and those waiting for a place. */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  /** Resolves once admitted, with the function that leaves (calling it again does nothing). */
  async enter(): Promise<() => void> {
    if (this.limit > 0) {
      if (this.active < this.limit) this.active += 1;
      else await new Promise<void>((admit) => this.waiting.push(admit));
    } else {
      this.active += 1;
    }
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.limit > 0 ? this.waiting.shift() : undefined;
      if (next) next();
      else this.active -= 1;
    };
  }
}
