import { describe, expect, it } from 'vitest';
import { readAuditFindings, unexplainedFindings } from '../../../scripts/audit/sarif-findings.ts';

/** A report as Electronegativity 1.10 writes it with `-r -o report.sarif` (rules trimmed to what is read). */
function report(results: unknown[]): string {
  const sarif = {
    $schema: 'http://json.schemastore.org/sarif-2.1.0',
    version: '2.1.0',
    runs: [{ tool: { driver: { version: '1.10.3', name: 'Electronegativity', rules: [] } }, results }],
  };
  return JSON.stringify(sarif, null, 2);
}

const csp = {
  ruleId: 'CSP_GLOBAL_CHECK',
  level: 'note',
  message: { text: 'One or more CSP directives detected seems to be vulnerable' },
  locations: [{ physicalLocation: { artifactLocation: { uri: 'renderer/index.html' }, region: { startLine: 4, startColumn: 1, charLength: 90 } } }],
};
const navigation = {
  ruleId: 'LIMIT_NAVIGATION_GLOBAL_CHECK',
  level: 'warning',
  message: { text: 'Missing navigation limits using .on new-window and will-navigate events' },
  locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///' }, region: { startLine: 1, startColumn: 1, charLength: 0 } } }],
};

describe('reading the Electronegativity SARIF report', () => {
  it('lists every finding of a whole report with its check, level and place', () => {
    const read = readAuditFindings(report([csp, navigation]), 'report.sarif');
    expect(read).toEqual({
      ok: true,
      findings: [
        { check: 'CSP_GLOBAL_CHECK', level: 'note', file: 'renderer/index.html', line: 4, message: csp.message.text },
        { check: 'LIMIT_NAVIGATION_GLOBAL_CHECK', level: 'warning', file: 'file:///', line: 1, message: navigation.message.text },
      ],
    });
  });

  it('reads a report without findings as no findings', () => {
    expect(readAuditFindings(report([]), 'report.sarif')).toEqual({ ok: true, findings: [] });
  });

  it('refuses a report cut short, naming it, instead of making findings up', () => {
    const whole = report([csp, navigation]);
    const read = readAuditFindings(whole.slice(0, Math.floor(whole.length * 0.6)), 'report.sarif');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(/^report\.sarif is not a whole JSON document .*cannot read its findings$/);
  });

  it('refuses a report whose start was overwritten by the end of an older one', () => {
    const whole = report([csp, navigation]);
    const damaged = `lf'; script-src 'self'; worker-src 'self'"\n${whole.slice(40)}`;
    const read = readAuditFindings(damaged, 'report.sarif');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toContain('cannot read its findings');
  });

  it('refuses an empty report', () => {
    expect(readAuditFindings('', 'report.sarif')).toEqual({ ok: false, error: 'report.sarif is empty although electronegativity ran' });
    expect(readAuditFindings('\n', 'report.sarif').ok).toBe(false);
  });

  it('refuses JSON that is not an Electronegativity report, saying where it differs', () => {
    const csv = 'issue, severity, confidence, filename, location, sample, description, url\n';
    expect(readAuditFindings(csv, 'r').ok).toBe(false);
    const other = JSON.parse(report([csp])) as { runs: { tool: { driver: { name: string } } }[] };
    other.runs[0]!.tool.driver.name = 'OtherTool';
    const read = readAuditFindings(JSON.stringify(other), 'r');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toContain('runs.0.tool.driver.name');
    const noRuns = readAuditFindings(JSON.stringify({ version: '2.1.0', runs: [] }), 'r');
    expect(noRuns.ok).toBe(false);
    const badFinding = readAuditFindings(report([{ ...csp, ruleId: "lf'; script-src 'self'" }]), 'r');
    expect(badFinding.ok).toBe(false);
  });
});

describe('checking findings against the justifications', () => {
  it('returns the findings whose check is not justified', () => {
    const read = readAuditFindings(report([csp, navigation]), 'r');
    if (!read.ok) throw new Error(read.error);
    const justified = { $comment: 'why', CSP_GLOBAL_CHECK: 'style attributes only' };
    expect(unexplainedFindings(read.findings, justified).map((finding) => finding.check)).toEqual(['LIMIT_NAVIGATION_GLOBAL_CHECK']);
    expect(unexplainedFindings(read.findings, { ...justified, LIMIT_NAVIGATION_GLOBAL_CHECK: 'guards' })).toEqual([]);
  });
});
