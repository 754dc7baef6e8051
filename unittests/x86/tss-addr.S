/*
 * feature: KVM_SET_TSS_ADDR - the three-page region must lie below 4 GiB: 0xffffd000 is accepted,
 *            0xffffd001 and 0x100000000 are EINVAL
 * groups:  vm host-only
 * mode:    real
 * requires: KVM_CAP_SET_TSS_ADDR
 * timeout: 3
 * # tss-addr.host.ts, after the run, each address on a new VM of its own. The bound is KVM's own check
 * # (x86.c, before the vendor code), as api.rst states it. Nothing else about the address is observable on
 * # AMD: SVM runs real mode natively and ignores it (only Intel without unrestricted guest puts a TSS there).
 */
	hlt
