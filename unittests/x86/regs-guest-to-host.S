/*
 * feature: KVM_GET_REGS - every GPR the guest sets, and RFLAGS (CF from stc) and RIP, are what the host reads after HLT
 * groups:  modes regs
 * mode:    long
 * exits:   exact
 * expect:  exit hlt
 * expect:  regs rax=0x0123456789abcdef rbx=0x1123456789abcdef rcx=0x2123456789abcdef rdx=0x3123456789abcdef
 * expect:  regs rsi=0x4123456789abcdef rdi=0x5123456789abcdef rsp=0x0000000000006ff8 rbp=0x7123456789abcdef
 * expect:  regs r8=0x8123456789abcdef r9=0x9123456789abcdef r10=0xa123456789abcdef r11=0xb123456789abcdef
 * expect:  regs r12=0xc123456789abcdef r13=0xd123456789abcdef r14=0xe123456789abcdef r15=0xf123456789abcdef
 * expect:  regs rflags=0x3 rip=0x109f
 */
	movabs	$0x0123456789abcdef, %rax
	movabs	$0x1123456789abcdef, %rbx
	movabs	$0x2123456789abcdef, %rcx
	movabs	$0x3123456789abcdef, %rdx
	movabs	$0x4123456789abcdef, %rsi
	movabs	$0x5123456789abcdef, %rdi
	mov	$0x6ff8, %rsp
	movabs	$0x7123456789abcdef, %rbp
	movabs	$0x8123456789abcdef, %r8
	movabs	$0x9123456789abcdef, %r9
	movabs	$0xa123456789abcdef, %r10
	movabs	$0xb123456789abcdef, %r11
	movabs	$0xc123456789abcdef, %r12
	movabs	$0xd123456789abcdef, %r13
	movabs	$0xe123456789abcdef, %r14
	movabs	$0xf123456789abcdef, %r15
	stc
	hlt
