// A vCPU's dirty ring (KVM_CAP_DIRTY_LOG_RING / _ACQ_REL): kvm_dirty_gfn entries that KVM pushes as the
// vCPU dirties pages of logged slots, shared through an mmap of the vCPU fd. Userspace harvests entries
// in ring order and flags them RESET; KVM_RESET_DIRTY_RINGS (Vm.resetDirtyRings) then re-protects those
// pages and clears the entries. x86 is TSO, so plain loads and stores are ordered enough for both caps.
import { DIRTY_GFN, kvm_dirty_gfn, KVM_DIRTY_LOG_PAGE_OFFSET, type DirtyGfn } from '../abi/devices.js';
import * as libc from '../sys/libc.js';

export class DirtyRing {
  private readonly mapping: libc.Mapping;
  private readonly view: DataView;
  readonly entries: number;
  /** Entries harvested so far (counting over the ring's life, not wrapped). */
  private fetched = 0;
  /** Of those, the first that KVM_RESET_DIRTY_RINGS has not yet been seen to clear. */
  private unreset = 0;

  /** No ioctl: maps the `bytes`-long ring (the size given to KVM_ENABLE_CAP) of vCPU fd `fd`, shared, read-write. */
  constructor(fd: number, bytes: number) {
    this.mapping = libc.mmap(bytes, libc.PROT_READ | libc.PROT_WRITE, libc.MAP_SHARED, fd, KVM_DIRTY_LOG_PAGE_OFFSET * 4096);
    this.view = new DataView(this.mapping.buffer);
    this.entries = bytes / kvm_dirty_gfn.size;
  }

  private at(index: number): number {
    return (index % this.entries) * kvm_dirty_gfn.size;
  }

  /** The entry `index` entries into the ring's life (wrapped onto the ring). */
  entry(index: number): DirtyGfn {
    return kvm_dirty_gfn.decode(this.view, this.at(index));
  }

  /**
   * The entries KVM has pushed since the last harvest, oldest first (up to the first without
   * KVM_DIRTY_GFN_F_DIRTY), each then flagged KVM_DIRTY_GFN_F_RESET for KVM_RESET_DIRTY_RINGS to recycle.
   */
  harvest(): DirtyGfn[] {
    const out: DirtyGfn[] = [];
    while (out.length < this.entries) {
      const gfn = this.entry(this.fetched);
      if (!(gfn.flags & DIRTY_GFN.KVM_DIRTY_GFN_F_DIRTY)) break;
      out.push(gfn);
      kvm_dirty_gfn.encode({ flags: gfn.flags | DIRTY_GFN.KVM_DIRTY_GFN_F_RESET }, this.view, this.at(this.fetched));
      this.fetched++;
    }
    return out;
  }

  /**
   * Call after KVM_RESET_DIRTY_RINGS: the entries harvested before it whose flags KVM left non-zero (none when it
   * reset them all, as it must), as [index, flags]; the others are then counted as reset.
   */
  checkReset(): Array<[number, number]> {
    const stale: Array<[number, number]> = [];
    for (let i = this.unreset; i < this.fetched; i++) {
      const flags = this.entry(i).flags;
      if (flags !== 0) stale.push([i, flags]);
    }
    this.unreset = this.fetched;
    return stale;
  }

  close(): void {
    libc.munmap(this.mapping);
  }
}
