/*
 * feature: KVM_CAP_HYPERV_SYNIC - KVM_ENABLE_CAP(KVM_CAP_HYPERV_SYNIC) on a vCPU with an in-kernel LAPIC (EINVAL on
 *            one without) activates its SynIC: SCONTROL reads enabled (1), SVERSION 1, a SINT masked (0x10000);
 *            the guest's WRMSR of SIMP or SIEFP with the enable bit zeroes that page and exits KVM_EXIT_HYPERV
 *            (type KVM_EXIT_HYPERV_SYNIC) with the MSR and the SynIC's state; a SINT takes a vector, but one below
 *            16 is #GP
 * groups:  hyperv msr irqchip vcpu
 * requires: KVM_CAP_HYPERV_SYNIC
 * mode:    long
 * irqchip: yes
 * cpuid:   hyperv
 * timeout: 5
 * # hyperv-synic.host.ts enables the SynIC before the run (and first finds the same KVM_ENABLE_CAP EINVAL on a VM
 * # without an irqchip). The guest reads SCONTROL, SVERSION and SINT0 into R8-R10, fills the pages at 0x5000 and
 * # 0x6000 with ones, enables them as message page (SIMP) and event flags page (SIEFP), and reads a word of each
 * # back into R12 and R13: zeroed. SINT2 = 0x50 reads back (R11); SINT3 = 0x0f (the WRMSR at 0x10ab) is #GP,
 * # which the default stub reports at port 0xf8.
 * on:      exit hyperv => continue
 * exits:   exact
 * expect:  exit hyperv type=1 msr=0x40000083 control=1 evt_page=0 msg_page=0x5001
 * expect:  exit hyperv type=1 msr=0x40000082 control=1 evt_page=0x6001 msg_page=0x5001
 * expect:  exit io direction=out port=0xf8 size=4 data=13
 * expect:  final exception vector=13 error_code=0 rip=0x10ab
 * expect:  regs r8=1 r9=1 r10=0x10000 r11=0x50 r12=0 r13=0
 */
	.include "testdev.inc"
	.include "hyperv.inc"
	.set	MSG_PAGE, 0x5000
	.set	EVT_PAGE, 0x6000

	rdmsr64	HV_X64_MSR_SCONTROL, %r8
	rdmsr64	HV_X64_MSR_SVERSION, %r9
	rdmsr64	HV_X64_MSR_SINT0, %r10
	cld
	mov	$-1, %rax
	mov	$MSG_PAGE, %edi
	mov	$2 * 512, %ecx
	rep stosq
	wrmsr64	HV_X64_MSR_SIMP, 0, (MSG_PAGE|1)
	wrmsr64	HV_X64_MSR_SIEFP, 0, (EVT_PAGE|1)
	mov	MSG_PAGE + 0x800, %r12
	mov	EVT_PAGE + 0xff8, %r13
	wrmsr64	(HV_X64_MSR_SINT0+2), 0, 0x50
	rdmsr64	(HV_X64_MSR_SINT0+2), %r11
	wrmsr64	(HV_X64_MSR_SINT0+3), 0, 0x0f	/* #GP: vectors 0-15 are not the guest's to give */
	hlt
