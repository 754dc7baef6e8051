// `kvmctl info`: the KVM API version, the host key, the vCPU mmap size and every capability's value.
import type { Argv } from 'yargs';
import type { Command } from './command.js';

export const infoCommand: Command<{ json: boolean }> = {
  name: 'info',
  usage: 'info',
  describe: 'show the KVM API version, the host key and every known capability',
  exits: { 0: 'shown', 2: 'a bad flag', 3: 'no usable /dev/kvm' },
  builder: (y: Argv) => y.option('json', { type: 'boolean', default: false, describe: 'print one JSON object' }),
  handler: async (argv) => {
    const [{ openSystem }, { CAPABILITIES }, { hostKey, formatHostKey }] = await Promise.all([
      import('../../kvmctl/engine/kvm/open.js'),
      import('../../kvmctl/engine/abi/capabilities.js'),
      import('../../kvmctl/host.js'),
    ]);
    const system = openSystem();
    try {
      const key = hostKey();
      const caps = Object.keys(CAPABILITIES).map((name) => {
        let value: number | string;
        try {
          value = system.checkExtension(name);
        } catch (e) {
          value = `error: ${(e as Error).message}`;
        }
        return { name, number: CAPABILITIES[name], value };
      });
      const info = { device: system.path, api_version: system.apiVersion(), host_key: key, vcpu_mmap_size: system.vcpuMmapSize(), capabilities: caps };
      if (argv.json) {
        process.stdout.write(JSON.stringify(info, null, 2) + '\n');
        return 0;
      }
      const lines = [
        `device:          ${info.device}`,
        `api version:     ${info.api_version}`,
        `host key:        ${formatHostKey(key)}  (module, kernel release, CPU vendor, CPU kind)`,
        `vcpu mmap size:  ${info.vcpu_mmap_size}`,
        `capabilities (${caps.filter((c) => typeof c.value === 'number' && c.value > 0).length} of ${caps.length} present):`,
      ];
      const width = Math.max(...caps.map((c) => c.name.length));
      for (const c of caps) lines.push(`  ${c.name.padEnd(width)}  ${String(c.number).padStart(3)}  ${c.value}`);
      process.stdout.write(lines.join('\n') + '\n');
      return 0;
    } finally {
      system.close();
    }
  },
};
