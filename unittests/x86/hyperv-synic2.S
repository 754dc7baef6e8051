/*
 * feature: KVM_CAP_HYPERV_SYNIC2 - KVM_ENABLE_CAP(KVM_CAP_HYPERV_SYNIC2) on a vCPU (args[0] must be 0, else EINVAL)
 *            activates its SynIC as hyperv-synic's capability does, except that the guest's enabling of the
 *            message page (SIMP) and the event flags page (SIEFP) leaves their contents as they were
 * groups:  hyperv msr irqchip vcpu
 * requires: KVM_CAP_HYPERV_SYNIC2
 * mode:    long
 * irqchip: yes
 * cpuid:   hyperv
 * timeout: 5
 * # hyperv-synic2.host.ts enables the SynIC with KVM_CAP_HYPERV_SYNIC2 before the run, after the same call with
 * # args[0] = 1 failed with EINVAL. The guest fills the pages at 0x5000 and 0x6000 with ones, enables them as SIMP
 * # and SIEFP, and reads a word of each back into R12 and R13: still ones (hyperv-synic, with KVM_CAP_HYPERV_SYNIC,
 * # reads zeros). SCONTROL reads enabled (R8). (The feature line leaves the other capability unnamed:
 * # kvmctl coverage counts every KVM_CAP_* a feature line names.)
 * on:      exit hyperv => continue
 * exits:   exact
 * expect:  exit hyperv type=1 msr=0x40000083 control=1 evt_page=0 msg_page=0x5001
 * expect:  exit hyperv type=1 msr=0x40000082 control=1 evt_page=0x6001 msg_page=0x5001
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  regs r8=1 r12=0xffffffffffffffff r13=0xffffffffffffffff
 */
	.include "testdev.inc"
	.include "hyperv.inc"
	.set	MSG_PAGE, 0x5000
	.set	EVT_PAGE, 0x6000

	rdmsr64	HV_X64_MSR_SCONTROL, %r8
	cld
	mov	$-1, %rax
	mov	$MSG_PAGE, %edi
	mov	$2 * 512, %ecx
	rep stosq
	wrmsr64	HV_X64_MSR_SIMP, 0, (MSG_PAGE|1)
	wrmsr64	HV_X64_MSR_SIEFP, 0, (EVT_PAGE|1)
	mov	MSG_PAGE + 0x800, %r12
	mov	EVT_PAGE + 0xff8, %r13
	exit_status 0				/* HLT would stay in the in-kernel LAPIC */
