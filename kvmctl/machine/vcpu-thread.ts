// A thread of its own for one secondary vCPU (KVM_RUN blocks the thread that calls it). It gets the
// vCPU as its first message, runs it and reports on the same channel.
import { parentPort } from 'node:worker_threads';
import { serveSecondaryVcpu } from './secondary-vcpu.js';
import type { VcpuThreadData } from './smp.js';

parentPort!.once('message', (data: VcpuThreadData) => serveSecondaryVcpu(data, (m) => parentPort!.postMessage(m)));
