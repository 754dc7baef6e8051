/*
 * feature: KVM_CAP_HYPERV_TIME - HV_X64_MSR_TIME_REF_COUNT counts the partition's time in 100 ns units: across a
 *            50 ms pause of the host it advances by at least 500000 and by no more than the host's whole run
 *            allows; HV_X64_MSR_REFERENCE_TSC reads back the page GPA and enable bit the guest wrote
 * groups:  hyperv msr clock
 * requires: KVM_CAP_HYPERV_TIME
 * mode:    long
 * cpuid:   hyperv
 * timeout: 5
 * # The guest reads the counter into R8, checkpoint 1 (hyperv-time-ref-count.host.ts sleeps 50 ms there), then into
 * # R9; the host file checks R9 - R8 against the wall time from before the first KVM_RUN to after the run. The
 * # reference TSC page itself is left unchecked: KVM fills it only when the host's clock is a stable TSC, and
 * # otherwise leaves its sequence 0 (the TLFS's "use the counter MSR"), as it does under TCG.
 * expect:  regs r10=0x4001
 */
	.include "testdev.inc"
	.include "hyperv.inc"
	rdmsr64	HV_X64_MSR_TIME_REF_COUNT, %r8
	checkpoint 1			/* the host sleeps 50 ms */
	rdmsr64	HV_X64_MSR_TIME_REF_COUNT, %r9
	wrmsr64	HV_X64_MSR_REFERENCE_TSC, 0, 0x4001
	rdmsr64	HV_X64_MSR_REFERENCE_TSC, %r10
	hlt
