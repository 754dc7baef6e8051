/*
 * feature: KVM_CAP_EXCEPTION_PAYLOAD - once enabled on the VM, KVM_SET_VCPU_EVENTS takes a pending #PF with its
 *            payload (KVM_VCPUEVENT_VALID_PAYLOAD): KVM_GET_VCPU_EVENTS reports it pending, not injected, with
 *            the payload, and CR2 keeps the guest's value until delivery; the guest's #PF handler reads the
 *            payload in CR2
 * groups:  vcpu events exceptions
 * requires: KVM_CAP_EXCEPTION_PAYLOAD
 * enable-cap: KVM_CAP_EXCEPTION_PAYLOAD 1
 * mode:    long
 * timeout: 5
 * # Without the capability KVM_GET_VCPU_EVENTS reports a pending exception as injected and writes its
 * # payload to CR2 at once (exception-inject). The guest sets CR2 to 0x1234000, points vector 14 at its
 * # handler and reaches checkpoint 1 (its OUT ends at 0x1042); the handler stores CR2 (0x3000), the error
 * # code (0x3008) and the interrupted RIP (0x3010), and returns.
 * on:      checkpoint 1 => set-events exception.pending=1 exception.nr=14 exception.has_error_code=1 exception.error_code=2 exception_has_payload=1 exception_payload=0xdeadb000
 * on:      checkpoint 1 => check-events flags=0x10/0x10 exception.pending=1 exception.injected=0 exception.nr=14 exception_has_payload=1 exception_payload=0xdeadb000; check-sregs cr2=0x1234000
 * on:      end => check-events exception.pending=0 exception.injected=0
 * expect:  final hlt
 * expect:  mem 0x3000 u64=0xdeadb000
 * expect:  mem 0x3008 u32=2
 * expect:  mem 0x3010 u64=0x1042
 */
	.include "testdev.inc"
	.include "irq.inc"
	idt64_gate 14, pf_handler
	mov	$0x1234000, %eax
	mov	%rax, %cr2
	checkpoint 1			/* the host queues #PF with payload 0xdeadb000 */
	hlt
pf_handler:
	mov	%cr2, %rax
	mov	%rax, 0x3000
	pop	%rax			/* the error code */
	mov	%eax, 0x3008
	mov	(%rsp), %rax
	mov	%rax, 0x3010
	iretq
