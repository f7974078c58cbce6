// "skill-lsp: Show status": `skill-lsp doctor --json --probe` run for the document the user came
// from (its workspace folder, the settings VS Code gives the server for it, the server's own
// arguments and environment), shown as a read-only markdown document, with an error message
// when doctor found something wrong (exit 1). The same report as `:checkhealth skill_lsp`.

import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';

export const STATUS_SCHEME = 'skill-lsp-status';

/** The parts of `skill-lsp doctor --json` the report shows (see docs/cli.md#doctor). */
interface DoctorReport {
  version?: string;
  ok?: boolean;
  issues?: string[];
  workspace?: string;
  userConfig?: string | null;
  skills?: number;
  warnings?: string[];
  agent?: {
    provider?: string;
    model?: string | null;
    endpoint?: string | null;
    command?: string | null;
    keyEnv?: string | null;
    keySet?: boolean | null;
    description?: string | null;
    error?: string | null;
    probe?: { ok: boolean; ms: number; message: string };
  };
  roots?: { path: string; origin?: string; skills?: number; exists?: boolean }[];
  problems?: { path?: string; line?: number; severity?: string; code?: string; message?: string }[];
  files?: { path: string; checked: boolean; skipped?: { reason?: string; setting?: string | null } | null }[];
}

/** What the status command needs from the extension. */
export interface StatusInput {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  settings: Record<string, unknown>;
  document?: vscode.Uri;
  clientState: string;
  skillsForFile?: string[];
}

const reports = new Map<string, string>();
let seq = 0;

/** Serves the reports as read-only documents (not `file:`, so the language client leaves them alone). */
export function registerStatusProvider(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(STATUS_SCHEME, {
    provideTextDocumentContent: (uri) => reports.get(uri.path) ?? '(this report is gone; run "skill-lsp: Show status" again)',
  });
}

function runDoctor(input: StatusInput, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [
    ...input.args,
    'doctor',
    '--json',
    '--probe',
    '--probe-timeout',
    '5',
    '--settings',
    JSON.stringify(input.settings),
  ];
  // The file itself: whether tips check it and, if not, why and what brings them back.
  if (input.document?.scheme === 'file') {
    args.push('--', input.document.fsPath);
  }
  return new Promise((resolve) => {
    execFile(
      input.command,
      args,
      { cwd, env: input.env, timeout: 30000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err && code === -1 ? String(err) : '') });
      },
    );
  });
}

const code = (s: unknown) => '`' + String(s).replace(/`/g, "'") + '`';

function agentLines(a: NonNullable<DoctorReport['agent']>): string[] {
  const out: string[] = [];
  if (!a.provider || a.provider === 'none') {
    out.push(`- **No agent**: ${a.error ?? 'none configured'}`);
    out.push(
      '- To configure one, set `skillLsp.agent.provider` (user settings; remote settings in a remote window): `openai` (any ' +
        'OpenAI-compatible API: `skillLsp.agent.endpoint`, e.g. `http://localhost:11434/v1` for Ollama, and ' +
        '`skillLsp.agent.apiKeyEnv`, the name of the variable holding the key), `anthropic` ' +
        '(key in `ANTHROPIC_API_KEY`) or `command` (`skillLsp.agent.command`).',
    );
    return out;
  }
  out.push(`- provider: ${code(a.provider)}`);
  if (a.model) out.push(`- model: ${code(a.model)}`);
  if (a.endpoint) out.push(`- endpoint: ${a.endpoint}`);
  if (a.command) out.push(`- command: ${code(a.command)}`);
  if (a.keyEnv) {
    out.push(`- key variable: ${code(a.keyEnv)} ${a.keySet ? 'is set' : '**is not set**'}`);
  } else if (a.endpoint) {
    out.push('- key: none needed (local endpoint)');
  }
  if (a.error) out.push(`- **error**: ${a.error}`);
  if (a.probe) {
    out.push(a.probe.ok ? `- probe: answers (${a.probe.message})` : `- **probe: does not answer**: ${a.probe.message}`);
  }
  return out;
}

/** The report as markdown, and a one-line summary for the message. */
export function renderReport(
  input: StatusInput,
  root: string | undefined,
  exit: number,
  report: DoctorReport,
): { markdown: string; summary: string } {
  const issues = report.issues ?? [];
  const lines: string[] = ['# skill-lsp status', ''];
  lines.push(`- document: ${input.document ? code(input.document.scheme === 'file' ? input.document.fsPath : input.document.toString()) : 'none'}`);
  lines.push(`- root: ${root ? code(root) : 'none (the server serves this file alone)'}`);
  lines.push(`- server: ${code(input.command)} ${report.version ?? ''} (${input.clientState})`);
  if (input.skillsForFile) {
    lines.push(`- skills for this file: ${input.skillsForFile.length ? input.skillsForFile.map(code).join(', ') : 'none'}`);
  }
  for (const f of report.files ?? []) {
    if (f.checked) {
      lines.push('- tips check this file');
    } else {
      const setting = f.skipped?.setting ? ` (setting ${code(f.skipped.setting)})` : '';
      lines.push(`- tips leave this file alone: ${f.skipped?.reason ?? 'skipped'}${setting}`);
    }
  }
  lines.push('', '## Result', '');
  if (exit === 0 && issues.length === 0) {
    lines.push('doctor: no problems found');
  } else {
    lines.push(`doctor: **${issues.length} problem${issues.length === 1 ? '' : 's'}** (exit ${exit})`, '');
    for (const i of issues) lines.push(`- ${i}`);
  }
  lines.push('', '## Agent', '', ...agentLines(report.agent ?? {}));
  lines.push('', '## Skill roots', '');
  lines.push(`${report.skills ?? 0} skill${report.skills === 1 ? '' : 's'} loaded; workspace ${code(report.workspace ?? '?')}`, '');
  for (const r of report.roots ?? []) {
    lines.push(`- ${r.origin ?? '?'}: ${code(r.path)}, ${r.skills ?? 0} skill${r.skills === 1 ? '' : 's'}${r.exists === false ? ' (missing)' : ''}`);
  }
  const problems = report.problems ?? [];
  if (problems.length) {
    lines.push('', '## Problems in guidance files', '');
    for (const p of problems) {
      lines.push(`- ${p.path ?? '?'}:${(p.line ?? 0) + 1}: ${p.severity ?? ''} ${p.code ?? ''}: ${p.message ?? ''}`);
    }
  }
  if (report.warnings?.length) {
    lines.push('', '## Settings warnings', '');
    for (const w of report.warnings) lines.push(`- ${w}`);
  }
  lines.push('', `From \`skill-lsp doctor --json --probe\`, run in the root with the settings VS Code sends the server.`, '');
  const a = report.agent ?? {};
  const agent = !a.provider || a.provider === 'none' ? 'no agent' : `agent ${a.provider}${a.model ? ' ' + a.model : ''}`;
  const summary = issues.length
    ? `doctor found ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${issues[0]}${issues.length > 1 ? ' …' : ''}`
    : `no problems found (${agent}, ${report.skills ?? 0} skill${report.skills === 1 ? '' : 's'})`;
  return { markdown: lines.join('\n'), summary };
}

/** Runs doctor for `input.document` and shows the report. */
export async function showStatus(input: StatusInput, output: vscode.OutputChannel): Promise<void> {
  const folder = input.document ? vscode.workspace.getWorkspaceFolder(input.document) : undefined;
  const root = folder?.uri.fsPath;
  const cwd =
    root ??
    (input.document?.scheme === 'file' ? path.dirname(input.document.fsPath) : undefined) ??
    vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ??
    process.env.HOME ??
    process.cwd();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'skill-lsp: running doctor…' },
    () => runDoctor(input, cwd),
  );
  let report: DoctorReport;
  try {
    report = JSON.parse(result.stdout) as DoctorReport;
  } catch {
    const why = (result.stderr || result.stdout).trim() || `exit ${result.code}`;
    output.appendLine(`skill-lsp doctor failed (exit ${result.code}): ${why}`);
    void vscode.window.showErrorMessage(`skill-lsp: doctor could not run: ${why.slice(0, 300)}`);
    return;
  }
  const { markdown, summary } = renderReport(input, root, result.code, report);
  const uri = vscode.Uri.from({ scheme: STATUS_SCHEME, path: `/skill-lsp-status-${++seq}.md` });
  reports.set(uri.path, markdown);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { preview: true });
  if (result.code === 0) {
    void vscode.window.showInformationMessage(`skill-lsp: ${summary}`);
  } else {
    void vscode.window.showErrorMessage(`skill-lsp: ${summary}`);
  }
}
