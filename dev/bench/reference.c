// The C floor for `npm run bench`: the same guests and the same ioctl sequence as kvmctl, with nothing on top.
// Usage: reference pio|mmio|lifecycle N [WARMUP]. Prints one JSON line. Built by bench.ts with cc -O2.
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define MEM_SIZE (2u << 20)
#define LOAD 0x1000
#define STACK_TOP 0x8000
#define TSS_ADDR 0xfffbd000u // where kvmctl's Machine puts KVM_SET_TSS_ADDR

// Guest bytes; bench.ts checks they equal kvmctl's copy (dev/bench/guests.ts). ECX holds the count.
// real mode:      1: out %al,$0x80; dec %ecx; jnz 1b; hlt
static const uint8_t PIO_GUEST[] = {0xe6, 0x80, 0x66, 0x49, 0x75, 0xfa, 0xf4};
// protected mode: mov $0x300000,%ebx; 1: mov %al,(%ebx); dec %ecx; jnz 1b; hlt  (0x300000 is past 2 MiB of RAM)
static const uint8_t MMIO_GUEST[] = {0xbb, 0x00, 0x00, 0x30, 0x00, 0x88, 0x03, 0x49, 0x75, 0xfb, 0xf4};
// long mode:      hlt
static const uint8_t HLT_GUEST[] = {0xf4};

static void die(const char *what) {
	fprintf(stderr, "reference: %s failed: %s\n", what, strerror(errno));
	exit(1);
}

static int xioctl(int fd, unsigned long req, unsigned long arg, const char *name) {
	int r = ioctl(fd, req, arg);
	if (r < 0) die(name);
	return r;
}
#define IOCTL(fd, req, arg) xioctl(fd, req, (unsigned long)(arg), #req)

static double now_ns(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int kvm_fd, run_size;

struct machine {
	int vm, vcpu;
	uint8_t *mem;
	struct kvm_run *run;
};

// What kvmctl's Machine constructor does before the mode: VM, TSS address, slot 0, guest image, vCPU, kvm_run.
static void machine_open(struct machine *m, const uint8_t *guest, size_t len) {
	m->vm = IOCTL(kvm_fd, KVM_CREATE_VM, 0);
	if (IOCTL(kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_SET_TSS_ADDR) > 0) IOCTL(m->vm, KVM_SET_TSS_ADDR, TSS_ADDR);
	m->mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m->mem == MAP_FAILED) die("mmap");
	struct kvm_userspace_memory_region region = {
		.slot = 0, .guest_phys_addr = 0, .memory_size = MEM_SIZE, .userspace_addr = (uintptr_t)m->mem,
	};
	IOCTL(m->vm, KVM_SET_USER_MEMORY_REGION, &region);
	memcpy(m->mem + LOAD, guest, len);
	m->vcpu = IOCTL(m->vm, KVM_CREATE_VCPU, 0);
	m->run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, m->vcpu, 0);
	if (m->run == MAP_FAILED) die("mmap kvm_run");
}

// kvmctl's Vm.close(): vCPU mapping and fd, VM fd, then guest memory.
static void machine_close(struct machine *m) {
	munmap(m->run, run_size);
	close(m->vcpu);
	close(m->vm);
	munmap(m->mem, MEM_SIZE);
}

static struct kvm_segment seg(uint16_t selector, int code, int bits) {
	struct kvm_segment s = {
		.base = 0, .limit = bits == 16 ? 0xffff : 0xffffffff, .selector = selector, .type = code ? 0xb : 0x3,
		.present = 1, .dpl = 0, .db = bits == 32, .s = 1, .l = bits == 64, .g = bits != 16,
	};
	return s;
}

// modes/setup.ts: realSregs and flatSregs, applied over the vCPU's current sregs.
static void set_mode(struct machine *m, int bits) {
	struct kvm_sregs s;
	IOCTL(m->vcpu, KVM_GET_SREGS, &s);
	if (bits == 16) {
		struct kvm_segment data = seg(0, 0, 16);
		s.cs = seg(0, 1, 16);
		s.ds = s.es = s.fs = s.gs = s.ss = data;
		s.idt.base = 0, s.idt.limit = 0x3ff;
	} else {
		int lng = bits == 64;
		struct kvm_segment data = seg(0x10, 0, 32);
		struct kvm_segment tr = {.base = 0xe0800, .limit = 0x67, .selector = 0x20, .type = 0xb, .present = 1};
		s.cs = lng ? seg(0x18, 1, 64) : seg(0x08, 1, 32);
		s.ds = s.es = s.fs = s.gs = s.ss = data;
		s.tr = tr;
		s.gdt.base = 0xe0000, s.gdt.limit = 0x3f;
		s.idt.base = 0xe1000, s.idt.limit = lng ? 256 * 16 - 1 : 256 * 8 - 1;
		s.cr0 = 0x33 | (lng ? 0x80010000ull : 0);  // PE MP ET NE, + WP PG
		s.cr3 = lng ? 0xe4000 : 0;
		s.cr4 = 0x600 | (lng ? 0x20 : 0);         // OSFXSR OSXMMEXCPT, + PAE
		s.efer = lng ? 0x500 : 0;                  // LME LMA
	}
	IOCTL(m->vcpu, KVM_SET_SREGS, &s);
}

// Vcpu.setRegs(): read, change the given fields, write back.
static void set_regs(struct machine *m, uint64_t rcx) {
	struct kvm_regs r;
	IOCTL(m->vcpu, KVM_GET_REGS, &r);
	r.rip = LOAD, r.rsp = STACK_TOP, r.rflags = 2, r.rcx = rcx;
	IOCTL(m->vcpu, KVM_SET_REGS, &r);
}

// KVM_RUN until HLT; every other exit must be `expect`. Returns the number of exits.
static long run_to_hlt(struct machine *m, uint32_t expect) {
	for (long exits = 1;; exits++) {
		if (ioctl(m->vcpu, KVM_RUN, 0) < 0) {
			if (errno == EINTR) continue;
			die("KVM_RUN");
		}
		uint32_t reason = m->run->exit_reason;
		if (reason == KVM_EXIT_HLT) return exits;
		if (reason != expect) {
			fprintf(stderr, "reference: unexpected exit %u\n", reason);
			exit(1);
		}
	}
}

// The long-mode system area kvmctl copies in (modes/system-area.ts), built once like kvmctl's cache.
#define SYS_BASE 0xe0000
#define SYS_SIZE 0x20000
static uint8_t sys_image[SYS_SIZE];

static void put(uint32_t gpa, const void *v, size_t n) { memcpy(sys_image + gpa - SYS_BASE, v, n); }
static void put64(uint32_t gpa, uint64_t v) { put(gpa, &v, 8); }
static void put16(uint32_t gpa, uint16_t v) { put(gpa, &v, 2); }

static void build_long_image(void) {
	put64(0xe0000 + 0x08, 0x00cf9b000000ffffull);
	put64(0xe0000 + 0x10, 0x00cf93000000ffffull);
	put64(0xe0000 + 0x18, 0x00af9b000000ffffull);
	put64(0xe0000 + 0x30, 0x00009b000000ffffull);
	put64(0xe0000 + 0x38, 0x000093000000ffffull);
	uint64_t tss = 0xe0800;
	put64(0xe0000 + 0x20, 0x67 | ((tss & 0xffffff) << 16) | (0x8bull << 40) | ((tss >> 24) << 56));
	put64(tss + 4, 0xe4000);    // rsp0
	put64(tss + 0x24, 0xe4000); // ist1
	put16(tss + 0x66, 0x68);    // no I/O bitmap
	for (uint32_t vec = 0; vec < 256; vec++) {
		uint32_t stub = 0xe2000 + 16 * vec;
		uint8_t code[16];
		size_t n = 0;
		int has_error = vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30;
		if (!has_error) code[n++] = 0x6a, code[n++] = 0x00; // push $0
		code[n++] = 0x50, code[n++] = 0xb8, code[n++] = vec, code[n++] = 0, code[n++] = 0, code[n++] = 0;
		int32_t rel = 0xe3000 - (int32_t)(stub + n + 5);
		code[n++] = 0xe9;
		memcpy(code + n, &rel, 4), n += 4;
		put(stub, code, n);
		uint8_t gate[8] = {stub & 0xff, (stub >> 8) & 0xff, 0x18, 0, 1, 0x8e, (stub >> 16) & 0xff, stub >> 24};
		put(0xe1000 + 16 * vec, gate, 8);
	}
	const uint8_t report[] = {0xe7, 0xf8, 0xf4, 0xeb, 0xfd};
	put(0xe3000, report, sizeof report);
	put64(0xe4000, 0xe5000 | 3);
	for (uint64_t g = 0; g < 4; g++) {
		put64(0xe5000 + 8 * g, (0xe6000 + g * 0x1000) | 3);
		for (uint64_t i = 0; i < 512; i++) put64(0xe6000 + g * 0x1000 + 8 * i, (g << 30) | (i << 21) | 0x83);
	}
}

static void print_guest(const uint8_t *g, size_t n) {
	printf("\"guest\":\"");
	for (size_t i = 0; i < n; i++) printf("%02x", g[i]);
	printf("\"");
}

// pio / mmio: a warm-up run, then the timed run of n exits in the same VM.
static void exits_figure(const char *name, long n, long warmup) {
	int pio = name[0] == 'p';
	const uint8_t *guest = pio ? PIO_GUEST : MMIO_GUEST;
	size_t len = pio ? sizeof PIO_GUEST : sizeof MMIO_GUEST;
	uint32_t expect = pio ? KVM_EXIT_IO : KVM_EXIT_MMIO;
	struct machine m;
	machine_open(&m, guest, len);
	set_mode(&m, pio ? 16 : 32);
	set_regs(&m, warmup);
	run_to_hlt(&m, expect);
	set_regs(&m, n);
	double t0 = now_ns();
	long exits = run_to_hlt(&m, expect);
	double t1 = now_ns();
	machine_close(&m);
	printf("{\"figure\":\"%s\",\"side\":\"c\",\"n\":%ld,\"exits\":%ld,\"value\":%.2f,\"unit\":\"ns/exit\",", name, n, exits,
	       (t1 - t0) / exits);
	print_guest(guest, len);
	printf("}\n");
}

static void one_lifecycle(void) {
	struct machine m;
	machine_open(&m, HLT_GUEST, sizeof HLT_GUEST);
	memcpy(m.mem + SYS_BASE, sys_image, SYS_SIZE);
	set_mode(&m, 64);
	set_regs(&m, 0);
	run_to_hlt(&m, KVM_EXIT_HLT);
	machine_close(&m);
}

static void lifecycle_figure(long n, long warmup) {
	build_long_image();
	for (long i = 0; i < warmup; i++) one_lifecycle();
	double t0 = now_ns();
	for (long i = 0; i < n; i++) one_lifecycle();
	double t1 = now_ns();
	printf("{\"figure\":\"lifecycle\",\"side\":\"c\",\"n\":%ld,\"value\":%.4f,\"unit\":\"ms/lifecycle\",", n, (t1 - t0) / n / 1e6);
	print_guest(HLT_GUEST, sizeof HLT_GUEST);
	printf("}\n");
}

int main(int argc, char **argv) {
	if (argc < 3) {
		fprintf(stderr, "usage: reference pio|mmio|lifecycle N [WARMUP]\n");
		return 2;
	}
	long n = atol(argv[2]), warmup = argc > 3 ? atol(argv[3]) : 0;
	kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm_fd < 0) die("open /dev/kvm");
	run_size = IOCTL(kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (!strcmp(argv[1], "pio") || !strcmp(argv[1], "mmio")) exits_figure(argv[1], n, warmup);
	else if (!strcmp(argv[1], "lifecycle")) lifecycle_figure(n, warmup);
	else {
		fprintf(stderr, "reference: unknown mode %s\n", argv[1]);
		return 2;
	}
	return 0;
}
