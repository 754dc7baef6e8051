/*
 * feature: KVM_SET_BOOT_CPU_ID - with the boot CPU ID set to 1 before the vCPUs exist, vCPU 1 is the BSP:
 *            IA32_APIC_BASE.BSP (bit 8) is set on vCPU 1 and clear on vCPU 0
 * groups:  vcpu smp msr
 * requires: KVM_CAP_SET_BOOT_CPU_ID
 * vcpus:   2
 * mode:    long
 * timeout: 5
 * # boot-cpu-id.host.ts calls KVM_SET_BOOT_CPU_ID(1) before KVM_CREATE_VCPU. No irqchip, so both vCPUs
 * # are runnable and run this code: each reads IA32_APIC_BASE (0x1b) into RAX and halts. KVM sets the
 * # reset value of IA32_APIC_BASE, BSP bit included, whether or not the LAPIC is in the kernel.
 * expect:  regs rax=0xfee00800/0xfffff900
 * expect:  regs vcpu=1 rax=0xfee00900/0xfffff900
 * expect:  sregs apic_base=0/0x100
 * expect:  sregs vcpu=1 apic_base=0x100/0x100
 */
	mov	$0x1b, %ecx		/* IA32_APIC_BASE */
	rdmsr
	hlt
