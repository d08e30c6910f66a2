/** Options of {@link BatchLanes}. */
export interface BatchLanesOptions<In, Out> {
  /** How many batches may run at once. */
  readonly lanes: number;
  /** Items per batch at most. */
  readonly maxBatch: number;
  /** Runs one batch; resolves with one result per item, in order. Rejecting rejects every item of it. */
  readonly run: (items: In[]) => Promise<Out[]>;
}

/**
 * Runs submitted items in batches, at most `lanes` batches at a time. An item waits only while every lane
 * is busy, and a lane that frees takes up to `maxBatch` of the waiting items at once: under a light load
 * each item runs alone and at once; under a heavy one, the items that arrived meanwhile share a batch, so
 * the work per batch is paid once for many (group commit).
 */
export class BatchLanes<In, Out> {
  private readonly waiting: { item: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] =
    [];
  private busy = 0;

  constructor(private readonly options: BatchLanesOptions<In, Out>) {}

  /** Resolves with the item's result once its batch ran. */
  submit(item: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.busy < this.options.lanes && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.busy += 1;
      this.options
        .run(batch.map((waiting) => waiting.item))
        .then(
          (results) => {
            for (const [i, waiting] of batch.entries()) waiting.resolve(results[i]!);
          },
          (error: unknown) => {
            for (const waiting of batch) waiting.reject(error);
          },
        )
        .finally(() => {
          this.busy -= 1;
          this.startBatches();
        });
    }
  }
}
