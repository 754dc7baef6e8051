/*
 * feature: KVM hypercall ABI - VMMCALL (AMD) or VMCALL (Intel) with an unknown hypercall number in RAX returns
 *            -KVM_ENOSYS (-1000) in RAX and leaves the argument registers alone
 * groups:  vcpu hypercall
 * mode:    long
 * timeout: 250ms
 * # Which instruction: the guest reads the CPUID vendor (leaf 0) and executes the native one, VMMCALL on
 * # AuthenticAMD/HygonGenuine and VMCALL otherwise. The other vendor's instruction only works through KVM's
 * # KVM_X86_QUIRK_FIX_HYPERCALL_INSN, which rewrites guest code and can be disabled, so relying on it would test
 * # the quirk rather than the hypercall ABI (Documentation/virt/kvm/x86/hypercalls.rst: "either the vmcall or the
 * # vmmcall instruction"; number in RAX, arguments in RBX, RCX, RDX, RSI; result in RAX).
 * # kvm-unit-tests' hypercall test hangs on kvm_pvm, hence the short timeout.
 * expect:  final hlt
 * expect:  regs rax=0xfffffffffffffc18 rbx=0x11 rcx=0x22 rdx=0x33 rsi=0x44
 */
	xor	%eax, %eax
	cpuid				/* leaf 0: EBX holds the first 4 vendor characters */
	mov	%ebx, %edi
	mov	$0x12345678, %eax	/* no such hypercall */
	mov	$0x11, %ebx
	mov	$0x22, %ecx
	mov	$0x33, %edx
	mov	$0x44, %esi
	cmp	$0x68747541, %edi	/* "Auth"enticAMD */
	je	1f
	cmp	$0x6f677948, %edi	/* "Hygo"nGenuine */
	je	1f
	vmcall				/* Intel and others */
	hlt
1:	vmmcall				/* AMD and Hygon */
	hlt
