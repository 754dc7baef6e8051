/*
 * feature: KVM_CAP_HYPERV_CPUID - KVM_GET_SUPPORTED_HV_CPUID on a vCPU: the Hyper-V leaves ("Linux KVM Hv", "Hv#1",
 *            the hypercall and VP index MSRs), without direct-mode synthetic timers (0x40000003 EDX bit 19), which
 *            /dev/kvm's answer offers but a vCPU without an in-kernel LAPIC cannot have; the guest given them
 *            (cpuid: hyperv) reads them with CPUID
 * groups:  cpuid hyperv vcpu
 * requires: KVM_CAP_HYPERV_CPUID
 * mode:    long
 * cpuid:   hyperv
 * timeout: 5
 * # hyperv-cpuid-vcpu.host.ts checks the vCPU's answer against /dev/kvm's after the run. The guest reads leaf
 * # 0x40000000 (vendor "Linux KVM Hv": EBX "Linu", ECX "x KV", EDX "M Hv") and 0x40000001 into R8-R11.
 * expect:  regs r8=0x756e694c r9=0x564b2078 r10=0x7648204d r11=0x31237648
 */
	.include "testdev.inc"
	mov	$0x40000000, %eax
	xor	%ecx, %ecx
	cpuid
	mov	%rbx, %r8
	mov	%rcx, %r9
	mov	%rdx, %r10
	mov	$0x40000001, %eax
	xor	%ecx, %ecx
	cpuid
	mov	%rax, %r11
	hlt
