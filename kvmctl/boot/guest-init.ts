// The VM's side of `kvmctl vm`: two busybox sh scripts placed in the initramfs. They are fixed
// text: the command, its environment and its folder reach the VM as files (one value a file), read
// as data, so nothing the user passes is ever parsed by a shell.
//
// /init (PID 1) loads the modules, mounts the host's root read-only over 9p under a tmpfs overlay,
// mounts the current folder (and kvmctl's assembler cache) read-write on top, opens the three virtio-serial ports
// (kvmctl.ctl, kvmctl.out, kvmctl.err), loads KVM, then runs /run/kvmctl/start in a chroot of that
// root with stdout and stderr on the ports. On the control port it writes `ready`, `hb` once a
// second (the heartbeat the host watches for a frozen kernel), and `exit N` or `vmfail WHY` or
// `nokvm WHY`. Before the control port exists, failures go to the console as `kvmctl-vm: ...`.

export const INIT = `#!/bin/busybox sh
/bin/busybox mkdir -p /proc /sys /dev /tmp /host /rw /newroot
/bin/busybox --install -s /bin
export PATH=/bin
mount -t devtmpfs dev /dev
mount -t proc proc /proc
mount -t sysfs sys /sys
exec 0</dev/null 1>/dev/console 2>&1
say() { echo "kvmctl-vm: $*"; }
vmfail() { say "vmfail: $*"; [ -n "$ctl_open" ] && echo "vmfail $*" >&3; poweroff -f; sleep 60; }
nokvm() { say "nokvm: $*"; [ -n "$ctl_open" ] && echo "nokvm $*" >&3; poweroff -f; sleep 60; }
value() { v=$(cat "$1"; echo x); v=\${v%x}; }
load() {
  while read -r f; do
    [ -n "$f" ] || continue
    case "$f" in "missing "*) err="\${f#missing } is neither built in nor in the kernel's modules"; return 1;; esac
    insmod "/modules/$f" 2>/tmp/insmod.err || { err=$(cat /tmp/insmod.err); return 1; }
  done < "$1"
}
load /kvmctl/modules-base || vmfail "insmod $f: $err"
port() {
  for p in /sys/class/virtio-ports/*; do
    [ "$(cat "$p/name" 2>/dev/null)" = "$1" ] && [ -c "/dev/\${p##*/}" ] && { echo "/dev/\${p##*/}"; return 0; }
  done
  return 1
}
i=0
until ctl=$(port kvmctl.ctl) && out=$(port kvmctl.out) && err=$(port kvmctl.err); do
  i=$((i + 1)); [ $i -le 200 ] || vmfail "the virtio-serial ports did not appear (the kernel needs CONFIG_VIRTIO_CONSOLE)"
  usleep 50000
done
# A virtio port may be open only once: every write goes through these descriptors.
exec 3>"$ctl" 4>"$out" 5>"$err"
ctl_open=1
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /host || vmfail "cannot mount the host's root over 9p (CONFIG_NET_9P_VIRTIO, CONFIG_9P_FS)"
mount -t tmpfs -o mode=0755 rw /rw && mkdir -p /rw/upper /rw/work || vmfail "cannot mount a tmpfs"
mount -t overlay -o lowerdir=/host,upperdir=/rw/upper,workdir=/rw/work overlay /newroot || vmfail "cannot mount an overlay on the host's root (CONFIG_OVERLAY_FS)"
mount -t proc proc /newroot/proc && mount -t sysfs sys /newroot/sys && mount -t devtmpfs dev /newroot/dev || vmfail "cannot mount proc, sysfs or devtmpfs in the new root"
mkdir -p /newroot/dev/pts /newroot/dev/shm
mount -t devpts devpts /newroot/dev/pts; mount -t tmpfs shm /newroot/dev/shm
mount -t tmpfs run /newroot/run || vmfail "cannot mount a tmpfs on /run"
# The current folder last, so that nothing mounted above hides it; /tmp stays the overlay's.
value /kvmctl/cwd; cwd=$v
if [ "$cwd" != / ]; then
  mkdir -p "/newroot$cwd" && mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=loose cwd "/newroot$cwd" || vmfail "cannot mount the current folder over 9p"
fi
if [ -e /kvmctl/cache ]; then
  value /kvmctl/cache; cache=$v
  mkdir -p "/newroot$cache" && mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 cache "/newroot$cache" || vmfail "cannot mount kvmctl's cache folder over 9p"
fi
mkdir -p /newroot/run/kvmctl && cp -a /kvmctl/. /newroot/run/kvmctl/ && cp /bin/busybox /newroot/run/kvmctl/busybox || vmfail "cannot copy the start script"
if grep -qw svm /proc/cpuinfo; then ext=svm; elif grep -qw vmx /proc/cpuinfo; then ext=vmx; else nokvm "the VM's CPU has neither svm nor vmx"; fi
load /kvmctl/modules-$ext || nokvm "insmod $f: $err"
[ -c /dev/kvm ] || nokvm "no /dev/kvm after loading KVM for $ext"
if [ -x /kvmctl/hold-vm ]; then
  /kvmctl/hold-vm > /tmp/held 2>&1 &
  holder=$!
  i=0
  until [ "$(cat /tmp/held 2>/dev/null)" = held ]; do
    kill -0 $holder 2>/dev/null || { wait $holder; nokvm "hold-vm could not create a VM and a vCPU (errno $?)"; }
    i=$((i + 1)); [ $i -le 600 ] || vmfail "hold-vm did not answer"
    usleep 50000
  done
fi
(while :; do echo hb >&3; sleep 1; done) &
hb=$!
echo ready >&3
chroot /newroot /run/kvmctl/busybox env -i /run/kvmctl/busybox sh /run/kvmctl/start </dev/null >&4 2>&5
rc=$?
kill $hb
sync
[ -z "$cache" ] || umount "/newroot$cache"
[ "$cwd" = / ] || umount "/newroot$cwd"
echo "exit $rc" >&3
poweroff -f
sleep 60
`;

/** Runs in the chroot under `env -i`: the caller's folder, environment and command, from files. */
export const START = `bb=/run/kvmctl/busybox
value() { v=$($bb cat "$1"; echo x); v=\${v%x}; }
value /run/kvmctl/cwd
cd "$v" || exit 127
i=0
while [ -e /run/kvmctl/env$i ]; do value /run/kvmctl/env$i; export "$v"; i=$((i + 1)); done
set --
i=0
while [ -e /run/kvmctl/arg$i ]; do value /run/kvmctl/arg$i; set -- "$@" "$v"; i=$((i + 1)); done
exec "$@"
`;

/** Quotes a host path for a fixed sh script: single quotes, with ' written as '\\''. */
export const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** /run/kvmctl/bin/kvmctl: the same kvmctl, with the same node, on PATH inside. */
export const kvmctlWrapper = (node: string, script: string): string =>
  `#!/run/kvmctl/busybox sh\nexec ${shellQuote(node)} ${shellQuote(script)} "$@"\n`;
