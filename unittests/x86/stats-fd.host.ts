// Host half of stats-fd: the binary stats of KVM_GET_STATS_FD on the VM and on vCPU 0 (api.rst 4.133):
// header flags 0; the id "kvm-{pid}" or "kvm-{pid}/vcpu-{id}"; descriptors with a known type, unit and
// base, unique names and data inside the data block; and the vCPU's cumulative "exits" counter grows
// by at least the number of exits that reached userspace.
import { STATS } from '../../kvmctl/engine/abi/devices.js';
import type { Stats } from '../../kvmctl/engine/kvm/stats.js';
import { gettid } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

let exitsBefore: bigint | undefined;

function checkForm(what: string, stats: Stats, id: RegExp, required: string[], fail: (m: string) => void): void {
  const h = stats.header;
  if (h.flags !== 0) fail(`${what}: header flags ${h.flags}, expected 0`);
  if (h.name_size === 0 || h.num_desc === 0) fail(`${what}: header name_size ${h.name_size}, num_desc ${h.num_desc}`);
  const m = id.exec(stats.id);
  if (!m || ![process.pid, gettid()].includes(Number(m[1]))) fail(`${what}: id "${stats.id}" is not ${id} with this process's pid (${process.pid}) or the creating thread's id (${gettid()})`);
  const names = new Set<string>();
  const dataSize = Math.max(...stats.descriptors.map((d) => d.offset + 8 * d.size));
  for (const d of stats.descriptors) {
    if (d.name === '' || names.has(d.name)) fail(`${what}: descriptor name "${d.name}" is empty or repeated`);
    names.add(d.name);
    if ((d.flags & STATS.KVM_STATS_TYPE_MASK) > STATS.KVM_STATS_TYPE_MAX || (d.flags & STATS.KVM_STATS_UNIT_MASK) > STATS.KVM_STATS_UNIT_MAX ||
      (d.flags & STATS.KVM_STATS_BASE_MASK) > STATS.KVM_STATS_BASE_MAX || (d.flags & ~0xfff) !== 0) {
      fail(`${what}: ${d.name}: flags 0x${d.flags.toString(16)} is no known type, unit and base`);
    }
    if (d.size === 0 || d.offset % 8 !== 0) fail(`${what}: ${d.name}: size ${d.size}, offset ${d.offset}`);
    if (d.type === 'linear-hist' && d.bucketSize === 0) fail(`${what}: ${d.name}: a linear histogram with bucket_size 0`);
  }
  const descEnd = h.desc_offset + h.num_desc * (16 + h.name_size);
  if (!(h.data_offset >= descEnd || h.data_offset + dataSize <= h.desc_offset))
    fail(`${what}: the data block (at ${h.data_offset}) overlaps the descriptors (at ${h.desc_offset})`);
  for (const name of required) {
    const d = stats.descriptors.find((x) => x.name === name);
    if (!d) fail(`${what}: no "${name}" statistic (names: ${[...names].slice(0, 12).join(', ')}, ...)`);
    else if (d.type !== 'cumulative' || d.size !== 1) fail(`${what}: "${name}" is ${d.type} with size ${d.size}, expected a cumulative counter`);
  }
}

const hooks: HostHooks = {
  setup({ vm, vcpu, fail }) {
    const vmStats = vm.stats();
    try {
      checkForm('VM stats', vmStats, /^kvm-(\d+)$/, ['remote_tlb_flush'], fail);
    } finally {
      vmStats.close();
    }
    const stats = vcpu.stats();
    try {
      checkForm('vCPU stats', stats, new RegExp(`^kvm-(\\d+)/vcpu-${vcpu.id}$`), ['exits', 'halt_exits', 'io_exits'], fail);
      exitsBefore = stats.value('exits');
    } finally {
      stats.close();
    }
  },
  check(outcome, { vcpu, fail }) {
    const stats = vcpu.stats();
    try {
      const after = stats.value('exits');
      if (exitsBefore === undefined || after === undefined) return; // reported by setup
      if (after - exitsBefore < BigInt(outcome.exitCount))
        fail(`vCPU stat "exits" grew from ${exitsBefore} to ${after} over a run with ${outcome.exitCount} exits to userspace`);
    } finally {
      stats.close();
    }
  },
};
export default hooks;
