// What the main thread and the suite workers say to each other.
import type { MessagePort } from 'node:worker_threads';
import type { TestResult } from '../harness/execute.js';
import type { Spec } from '../harness/spec.js';

export type WorkerJob =
  | {
    type: 'test';
    id: number;
    spec: Spec;
    verbose: boolean;
    /** A known failure on this host: its code listing is left out unless verbose. */
    expectFailure: boolean;
    /** One per secondary vCPU: channels to the idle workers lent to this test. */
    vcpuPorts: MessagePort[];
  }
  /** Lend this worker to job `id`: run the secondary vCPU that arrives on `port`. */
  | { type: 'vcpu'; id: number; port: MessagePort };

export type WorkerReply =
  | { type: 'ready'; tid: number }
  | { type: 'host-error'; message: string }
  | { type: 'result'; id: number; result: TestResult }
  | { type: 'input-error'; id: number; message: string }
  | { type: 'runner-error'; id: number; message: string }
  /** The lent worker is free again. */
  | { type: 'vcpu-done'; id: number };
