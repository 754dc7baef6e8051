// What the main thread and the suite workers say to each other.
import type { TestResult } from '../test/execute.js';
import type { Spec } from '../test/spec.js';

export interface WorkerJob {
  id: number;
  spec: Spec;
  timeoutMs?: number;
  verbose: boolean;
}

export type WorkerReply =
  | { type: 'ready'; tid: number }
  | { type: 'host-error'; message: string }
  | { type: 'result'; id: number; result: TestResult }
  | { type: 'input-error'; id: number; message: string }
  | { type: 'runner-error'; id: number; message: string };
