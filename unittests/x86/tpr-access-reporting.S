/*
 * feature: KVM_CAP_VAPIC with KVM_TPR_ACCESS_REPORTING - once the vCPU's TPR access reporting is on, each guest
 *            read or write of the in-kernel LAPIC's TPR exits KVM_EXIT_TPR_ACCESS with the RIP of that instruction
 *            and is_write; an access to another LAPIC register does not exit
 * groups:  irqchip exits
 * requires: KVM_CAP_VAPIC KVM_CAP_IRQCHIP
 * mode:    long
 * irqchip: yes
 * timeout: 5
 * # The host file turns reporting on before the run. The LAPIC page is emulated MMIO (no memory slot), so
 * # KVM sees every access; the exit comes once the instruction is done (the write took effect: RBX reads
 * # back 0x20), and RIP names the instruction itself. (HLT would halt in the kernel with an in-kernel
 * # LAPIC, so the guest ends with the status port.) Addresses: the code starts at 0x1000.
 * on:      exit tpr_access => continue
 * exits:   exact
 * expect:  exit tpr_access rip=0x1005 is_write=false
 * expect:  exit tpr_access rip=0x100c is_write=true
 * expect:  exit tpr_access rip=0x1017 is_write=false
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  regs rsi=0 rbx=0x20 rcx=0
 */
	.include "testdev.inc"
	.include "irq.inc"

	mov	$APIC_BASE, %edx		/* 0x1000 */
	mov	APIC_TPR(%edx), %eax		/* 0x1005: read */
	movl	$0x20, APIC_TPR(%edx)		/* 0x100c: write */
	mov	APIC_TPR(%edx), %ebx		/* 0x1017: read */
	mov	APIC_ID(%edx), %ecx		/* 0x101e: not the TPR (APIC ID 0) */
	mov	%eax, %esi			/* the first read: TPR 0 */
	exit_status 0
