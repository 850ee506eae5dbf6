import { parse as parseYaml } from 'yaml';
import {
  compact,
  failed,
  guarded,
  type ParsedPackage,
  type ParseResult,
  parsed,
} from '../lang-common/parsed.js';
import { asArray, asDict, asString } from '../lang-common/values.js';
import { parseUses, refKind } from './parse-uses.js';

interface Use {
  value: string;
  /** `job/<id>` for a reusable workflow call, `job/<id>/step` for a step, `step` in a composite action. */
  where: string;
}

/** Every `uses:` of a workflow (jobs' steps and reusable-workflow calls) or of a composite action's steps. */
function usesOf(doc: Record<string, unknown>): Use[] {
  const found: Use[] = [];
  const steps = (list: unknown, where: string) => {
    for (const step of asArray(list).map(asDict)) {
      const value = asString(step?.uses);
      if (value) found.push({ value, where });
    }
  };
  for (const [id, job] of Object.entries(asDict(doc.jobs) ?? {})) {
    const value = asString(asDict(job)?.uses);
    if (value) found.push({ value, where: `job/${id}` });
    steps(asDict(job)?.steps, `job/${id}/step`);
  }
  steps(asDict(doc.runs)?.steps, 'step');
  return found;
}

/**
 * The actions and reusable workflows a GitHub Actions file uses, as packages named `owner/repo` at the
 * ref (tag, branch or commit) written after `@`; the path inside the repository and whether the ref is a
 * pinned commit go into the metadata. YAML anchors are capped by the parser (no alias bombs).
 */
export function parseWorkflow(text: string): ParseResult {
  return guarded(() => {
    let doc: unknown;
    try {
      doc = parseYaml(text, { maxAliasCount: 100, uniqueKeys: false });
    } catch (error) {
      return failed(`invalid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    const root = asDict(doc);
    if (!root) return failed('not a workflow or action: the document is not a mapping');
    const out: ParsedPackage[] = [];
    for (const use of usesOf(root)) {
      const ref = parseUses(use.value);
      if (!ref) continue;
      const metadata = compact({
        uses: use.value,
        path: ref.path,
        refKind: refKind(ref.ref),
        where: use.where,
      });
      out.push({ name: `${ref.owner}/${ref.repo}`, version: ref.ref, ...(metadata ? { metadata } : {}) });
    }
    return parsed(out);
  });
}
