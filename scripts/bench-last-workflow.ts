import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * The baseline of `npm run bench:last`: the smallest entity workflow Temporal allows — one Update that
 * adds a number, with a validator — so that our command path can be compared with bare Temporal on
 * the same server. Not part of the product: bundled only by the bench.
 */
export const telOpUpdate = defineUpdate<number, [number]>('telOp');

export async function kaleTellerWorkflow(): Promise<void> {
  let som = 0;
  setHandler(
    telOpUpdate,
    (n: number) => {
      som += n;
      return som;
    },
    {
      validator: (n: number) => {
        if (!Number.isFinite(n)) throw new Error('geen getal');
      },
    },
  );
  await condition(() => false);
}
