// Reads the findings out of the SARIF report that @doyensec/electronegativity writes with `-o report.sarif`.
// Why SARIF and not its CSV: the tool writes the CSV header and the rows as two un-awaited fs.writeFile calls (one
// truncating, one appending) that race, so the CSV comes out with rows overwritten or left over from the previous
// report. The SARIF document is one fs.writeFile of one JSON string. Anything that is not a whole SARIF document from
// Electronegativity is an error that says so: never a list of findings made up from a damaged file.
import * as v from 'valibot';

export interface AuditFinding {
  /** The check's id, e.g. CSP_GLOBAL_CHECK: the key of electron/audit-justifications.json. */
  readonly check: string;
  /** SARIF level: Electronegativity writes `warning`, or `note` for findings it marks for manual review. */
  readonly level: string;
  /** Where it was found, relative to the scanned folder (`file:///` for checks about the whole app). */
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export type AuditReport = { ok: true; findings: AuditFinding[] } | { ok: false; error: string };

const ResultSchema = v.object({
  ruleId: v.pipe(v.string(), v.regex(/^[A-Z0-9_]+$/, 'a check id in capitals')),
  level: v.string(),
  message: v.object({ text: v.string() }),
  locations: v.optional(
    v.array(
      v.object({
        physicalLocation: v.object({
          artifactLocation: v.object({ uri: v.string() }),
          region: v.optional(v.object({ startLine: v.optional(v.number()) })),
        }),
      }),
    ),
  ),
});

const SarifSchema = v.object({
  version: v.literal('2.1.0'),
  runs: v.pipe(
    v.array(
      v.object({
        tool: v.object({ driver: v.object({ name: v.literal('Electronegativity') }) }),
        results: v.array(ResultSchema),
      }),
    ),
    v.length(1, 'exactly one run'),
  ),
});

/** Parses the text of an Electronegativity SARIF report; `source` names it in error messages. */
export function readAuditFindings(text: string, source: string): AuditReport {
  if (text.trim() === '') return { ok: false, error: `${source} is empty although electronegativity ran` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${source} is not a whole JSON document (${(error as Error).message}); cannot read its findings` };
  }
  const parsed = v.safeParse(SarifSchema, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue.path?.map((item) => String(item.key)).join('.') ?? 'top level';
    return { ok: false, error: `${source} is not an Electronegativity SARIF 2.1.0 report (${where}: ${issue.message}); cannot read its findings` };
  }
  const findings = parsed.output.runs[0]!.results.map((result): AuditFinding => {
    const location = result.locations?.[0]?.physicalLocation;
    return {
      check: result.ruleId,
      level: result.level,
      file: location?.artifactLocation.uri ?? 'file:///',
      line: location?.region?.startLine ?? 1,
      message: result.message.text,
    };
  });
  return { ok: true, findings };
}

/** The findings that electron/audit-justifications.json does not explain (its keys are check ids). */
export function unexplainedFindings(findings: readonly AuditFinding[], justified: Readonly<Record<string, unknown>>): AuditFinding[] {
  return findings.filter((finding) => !Object.hasOwn(justified, finding.check));
}
