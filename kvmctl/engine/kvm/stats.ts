// The binary statistics of KVM_GET_STATS_FD (a VM or a vCPU): a header, descriptors with names,
// and the data, each at the offsets the header gives. The descriptors are read once; values() rereads
// only the data block, so two calls show what changed in between.
import { kvm_stats_desc, kvm_stats_header, STATS, STATS_DESC_NAME_OFFSET, type StatsHeader } from '../abi/devices.js';
import { IOCTLS } from '../abi/ioctls.js';
import * as libc from '../sys/libc.js';

export interface StatDescriptor {
  name: string;
  /** KVM_STATS_TYPE_*: cumulative, instant, peak, linear-hist, log-hist. */
  type: 'cumulative' | 'instant' | 'peak' | 'linear-hist' | 'log-hist' | `type ${number}`;
  unit: 'none' | 'bytes' | 'seconds' | 'cycles' | 'boolean' | `unit ${number}`;
  base: 'pow10' | 'pow2' | `base ${number}`;
  exponent: number;
  /** Number of u64 values. */
  size: number;
  /** Byte offset of the values inside the data block. */
  offset: number;
  bucketSize: number;
  flags: number;
}

const TYPES = ['cumulative', 'instant', 'peak', 'linear-hist', 'log-hist'] as const;
const UNITS = ['none', 'bytes', 'seconds', 'cycles', 'boolean'] as const;
const BASES = ['pow10', 'pow2'] as const;

/** KVM_GET_STATS_FD on a VM or vCPU fd, parsed; the fd is closed if parsing fails. */
export function openStats(ownerFd: number): Stats {
  const fd = libc.ioctl(ownerFd, IOCTLS.KVM_GET_STATS_FD);
  try {
    return new Stats(fd);
  } catch (e) {
    libc.close(fd);
    throw e;
  }
}

export class Stats {
  readonly header: StatsHeader;
  /** The id string, e.g. "kvm-1234" for a VM or "kvm-1234/vcpu-0" for a vCPU. */
  readonly id: string;
  readonly descriptors: StatDescriptor[];
  private readonly dataSize: number;

  /** Parses the stats fd; the caller keeps owning it (close it with close()). */
  constructor(readonly fd: number) {
    const head = read(fd, 0, kvm_stats_header.size);
    this.header = kvm_stats_header.decode(new DataView(head.buffer));
    const { name_size, num_desc, id_offset, desc_offset } = this.header;
    this.id = cString(read(fd, id_offset, name_size));
    const descSize = STATS_DESC_NAME_OFFSET + name_size;
    const block = read(fd, desc_offset, descSize * num_desc);
    const view = new DataView(block.buffer);
    this.descriptors = [];
    for (let i = 0; i < num_desc; i++) {
      const at = i * descSize;
      const d = kvm_stats_desc.decode(view, at);
      this.descriptors.push({
        name: cString(block.subarray(at + STATS_DESC_NAME_OFFSET, at + descSize)),
        type: TYPES[d.flags & STATS.KVM_STATS_TYPE_MASK] ?? `type ${d.flags & STATS.KVM_STATS_TYPE_MASK}`,
        unit: UNITS[(d.flags & STATS.KVM_STATS_UNIT_MASK) >> 4] ?? `unit ${(d.flags & STATS.KVM_STATS_UNIT_MASK) >> 4}`,
        base: BASES[(d.flags & STATS.KVM_STATS_BASE_MASK) >> 8] ?? `base ${(d.flags & STATS.KVM_STATS_BASE_MASK) >> 8}`,
        exponent: (d.exponent << 16) >> 16, // s16
        size: d.size, offset: d.offset, bucketSize: d.bucket_size, flags: d.flags,
      });
    }
    this.dataSize = Math.max(0, ...this.descriptors.map((d) => d.offset + 8 * d.size));
  }

  /** Every statistic's current values (one u64 each, more for histograms), by name. */
  values(): Map<string, bigint[]> {
    const data = read(this.fd, this.header.data_offset, this.dataSize);
    const view = new DataView(data.buffer);
    const out = new Map<string, bigint[]>();
    for (const d of this.descriptors) {
      out.set(d.name, Array.from({ length: d.size }, (_, i) => view.getBigUint64(d.offset + 8 * i, true)));
    }
    return out;
  }

  /** One scalar statistic's current value, or undefined when there is no such name. */
  value(name: string): bigint | undefined {
    return this.values().get(name)?.[0];
  }

  close(): void {
    libc.close(this.fd);
  }
}

/** Reads exactly `length` bytes at `offset` (the kernel may return them in pieces). */
function read(fd: number, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = libc.pread(fd, out.subarray(done), offset + done);
    if (n === 0) throw new Error(`stats fd: end of file at ${offset + done}, wanted ${length} bytes from ${offset}`);
    done += n;
  }
  return out;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString('latin1');
}
