import { proxySinks, type Sinks, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

/** What the workflow asks for during replay, reported out of the sandbox (see replay/afspelen.ts). */
export interface ReplaySinks extends Sinks {
  replayTimers: { gevraagd(seq: number, durationMs: number): void };
}

const { replayTimers } = proxySinks<ReplaySinks>();

// Temporal's replay compares the kinds and order of commands, not a timer's duration: a rule change
// that moves a deadline replays "fine" while every running traject would wait for the wrong day.
// Bundled only into the replay tests' workflow code: every timer the code asks for is reported, so
// the test can compare it with the TimerStarted events of the recorded history.
export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      async startTimer(input, next) {
        replayTimers.gevraagd(input.seq, input.durationMs);
        return next(input);
      },
    },
  ],
});
