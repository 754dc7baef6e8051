// JUnit XML, for CI systems that draw test tables from it.
import { formatHostKey, type HostKey } from '../host.js';
import type { Summary, TestReport } from './model.js';
import { detailLines } from './details.js';

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
  // eslint-disable-next-line no-control-regex
  .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

export function junitReport(reports: TestReport[], s: Summary, host: HostKey): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kvmctl" tests="${reports.length}" failures="${s.failed}" skipped="${s.skipped}" time="${(s.wallMs / 1000).toFixed(3)}">`,
    `  <testsuite name="kvmctl ${xml(formatHostKey(host))}" tests="${reports.length}" failures="${s.failed}" skipped="${s.skipped}" time="${(s.wallMs / 1000).toFixed(3)}">`,
  ];
  for (const r of reports) {
    const open = `    <testcase classname="${xml(r.groups[0] ?? 'unittests')}" name="${xml(r.name)}" file="${xml(r.file)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
    const details = xml(detailLines(r).join('\n'));
    switch (r.verdict) {
      case 'pass': out.push(`${open}/>`); break;
      case 'skip': out.push(`${open}>`, `      <skipped message="${xml(r.reason ?? '')}"/>`, '    </testcase>'); break;
      case 'xfail': out.push(`${open}>`, `      <skipped message="known failure: ${xml(r.knownFailure ?? '')}"/>`, `      <system-out>${details}</system-out>`, '    </testcase>'); break;
      default: out.push(`${open}>`, `      <failure type="${r.verdict}" message="${xml(r.reason ?? r.verdict)}">${details}</failure>`, '    </testcase>');
    }
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}
