/*
 * feature: KVM_GET_STATS_FD - the VM's and the vCPU's binary statistics parse, and the vCPU's exit counter grows across a run
 * groups:  stats host-only
 * mode:    real
 * requires: KVM_CAP_BINARY_STATS_FD
 * timeout: 3
 * # Host only: stats-fd.host.ts reads both stats files (header, id string, descriptors, data) and
 * # checks their form against the KVM API document; the vCPU's "exits" counter, read before and
 * # after the run, must have grown by at least the exits userspace saw (five OUTs and the HLT).
 * expect:  final hlt
 */
	mov	$5, %cx
1:	out	%al, $0x80
	loop	1b
	hlt
