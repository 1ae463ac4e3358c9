/**
 * Hands results on in the order their rows were read, whatever order they finish in, while
 * holding at most `ahead` of them: a row more than `ahead` places past the oldest unfinished one
 * waits for its turn to start ({@link room}), so one slow row (a retried query, a long timeout)
 * cannot make the held results grow with the file.
 */
export class InOrder<T> {
  private next = 0;
  private readonly held = new Map<number, T>();
  private readonly waiting: { seq: number; go: () => void }[] = [];

  constructor(
    private readonly ahead: number,
    private readonly emit: (item: T) => Promise<void> | void,
  ) {}

  /** Resolves when row `seq` (0-based, in reading order) may start. */
  room(seq: number): Promise<void> | undefined {
    if (seq < this.next + this.ahead) return undefined;
    return new Promise((go) => this.waiting.push({ seq, go }));
  }

  /** Row `seq` finished: emit it and every finished row after it, in order. */
  async done(seq: number, item: T): Promise<void> {
    this.held.set(seq, item);
    while (this.held.has(this.next)) {
      const ready = this.held.get(this.next) as T;
      this.held.delete(this.next);
      this.next += 1;
      await this.emit(ready);
    }
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const w = this.waiting[i] as { seq: number; go: () => void };
      if (w.seq < this.next + this.ahead) {
        this.waiting.splice(i, 1);
        w.go();
      }
    }
  }
}
