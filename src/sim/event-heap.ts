/** One scheduled event: `atMs` orders events, `sequence` breaks ties in scheduling order. */
export interface ScheduledEvent<T> {
  atMs: number;
  sequence: number;
  payload: T;
}

/** Binary min-heap of events by time, then by scheduling order, so runs are deterministic. */
export class EventHeap<T> {
  private readonly items: Array<ScheduledEvent<T>> = [];
  private nextSequence = 0;

  get size(): number {
    return this.items.length;
  }

  push(atMs: number, payload: T): void {
    this.items.push({ atMs, sequence: this.nextSequence, payload });
    this.nextSequence += 1;
    this.siftUp(this.items.length - 1);
  }

  peekTime(): number {
    return this.items[0]?.atMs ?? Number.POSITIVE_INFINITY;
  }

  pop(): ScheduledEvent<T> | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top === undefined || last === undefined) return undefined;

    if (this.items.length > 0) {
      this.items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    const left = this.items[a]!;
    const right = this.items[b]!;
    return left.atMs < right.atMs || (left.atMs === right.atMs && left.sequence < right.sequence);
  }

  private swap(a: number, b: number): void {
    const held = this.items[a]!;
    this.items[a] = this.items[b]!;
    this.items[b] = held;
  }

  private siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(child, parent)) return;
      this.swap(child, parent);
      child = parent;
    }
  }

  private siftDown(index: number): void {
    let parent = index;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.items.length && this.before(left, smallest)) smallest = left;
      if (right < this.items.length && this.before(right, smallest)) smallest = right;
      if (smallest === parent) return;
      this.swap(parent, smallest);
      parent = smallest;
    }
  }
}
