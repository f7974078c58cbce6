// skill-lsp for VS Code: starts the `skill-lsp` language server and adds its commands.
//
// Hovers, diagnostics, code actions, `workspace/applyEdit`, `window/showDocument` and server
// progress (with cancel) are handled by vscode-languageclient itself. This file finds the binary,
// passes the `skillLsp.*` settings (pulled by the server through `workspace/configuration`),
// keeps the client off skill-lsp's own cache files, and adds the commands (agent runs with a
// progress notification and a message saying how each ended), the status bar item, "Show
// status" (`status.ts`) and the restart/output commands. The root of a document is its VS Code
// workspace folder; with no folder open the server serves each file alone.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  WorkDoneProgress,
  WorkDoneProgressCancelNotification,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { chooseTarget, Target } from './target';
import { registerStatusProvider, showStatus } from './status';

const SECTION = 'skillLsp';
// Settings that belong to the extension only, never sent to the server.
const CLIENT_ONLY_KEYS = ['server', 'trace'];

/** One entry of `skill-lsp.skillsForFile`. */
interface SkillForFile {
  name: string;
  description?: string;
  path?: string | null;
  score?: number;
  reasons?: string[];
  format?: string;
  activation?: string;
}

type AskMode = 'rewrite' | 'explain' | 'review';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let statusItem: vscode.StatusBarItem;
let statusTimer: NodeJS.Timeout | undefined;

/** Finds an executable on PATH (and PATHEXT on Windows). */
function which(name: string): string | undefined {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      return false;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function expandHome(p: string): string {
  if (p === '~' || p.startsWith('~/')) {
    return path.join(process.env.HOME ?? process.env.USERPROFILE ?? '', p.slice(1));
  }
  return p;
}

/** The environment the server runs in: the extension host's plus `skillLsp.server.env`. */
function serverEnv(): NodeJS.ProcessEnv {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  return { ...process.env, ...(cfg.get<Record<string, string>>('server.env') ?? {}) };
}

/** The server's cache folder (prompts, answers, copies of bundled skills), computed as the server
 * computes it (`$XDG_CACHE_HOME/skill-lsp`, else `~/.cache/skill-lsp`) in the server's environment. */
function cacheDir(): string {
  const env = serverEnv();
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, '.cache') : os.tmpdir());
  return path.join(base, 'skill-lsp');
}

/** Whether `uri` is one of skill-lsp's own cache files, which the client never attaches to. */
function isOwnCacheFile(uri: vscode.Uri): boolean {
  if (uri.scheme !== 'file') {
    return false;
  }
  const dir = cacheDir();
  const dirs = [dir];
  try {
    dirs.push(fs.realpathSync(dir));
  } catch {
    // Not created yet: nothing of ours is in it.
  }
  const file = path.resolve(uri.fsPath);
  return dirs.some((d) => file.startsWith(d + path.sep));
}

/** The server binary: `skillLsp.server.path` (machine scope), else `skill-lsp` on PATH. */
function resolveServer(): { command?: string; problem?: string } {
  const configured = vscode.workspace.getConfiguration(SECTION).get<string | null>('server.path');
  if (configured) {
    const file = expandHome(configured);
    if (isExecutable(file)) {
      return { command: file };
    }
    return { problem: `skillLsp.server.path is set to "${configured}", which is not an executable file.` };
  }
  const found = which('skill-lsp');
  if (found) {
    return { command: found };
  }
  return { problem: 'The skill-lsp server was not found on PATH and skillLsp.server.path is not set.' };
}

/** The `skillLsp` settings as the server reads them (client-only keys removed). */
function serverSettings(scope?: vscode.Uri): Record<string, unknown> {
  const all = vscode.workspace.getConfiguration(SECTION, scope);
  const plain = JSON.parse(JSON.stringify(all)) as Record<string, unknown>;
  for (const key of CLIENT_ONLY_KEYS) {
    delete plain[key];
  }
  return plain;
}

let extensionUri: vscode.Uri;

async function reportMissingServer(problem: string): Promise<void> {
  output.appendLine(problem);
  const install = 'How to install';
  const setPath = 'Set skillLsp.server.path';
  const choice = await vscode.window.showErrorMessage(`skill-lsp: ${problem}`, install, setPath);
  if (choice === install) {
    // The extension's README starts with the set-up steps (vsce stores it as readme.md).
    const readme = ['readme.md', 'README.md']
      .map((name) => vscode.Uri.joinPath(extensionUri, name))
      .find((uri) => fs.existsSync(uri.fsPath));
    if (readme) {
      await vscode.commands.executeCommand('markdown.showPreview', readme);
    }
  } else if (choice === setPath) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'skillLsp.server.path');
  }
}

function createClient(command: string): LanguageClient {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const args = [...(cfg.get<string[]>('server.args') ?? []), 'serve'];
  const env = serverEnv();
  // The server opens its log file before it gets any setting: it takes this one from the
  // environment (at `skillLsp.logLevel` unless SKILL_LSP_LOG says otherwise).
  const logFile = cfg.get<string | null>('logFile');
  if (logFile) {
    env.SKILL_LSP_LOG_FILE = expandHome(logFile);
    env.SKILL_LSP_LOG ??= cfg.get<string>('logLevel') ?? 'info';
  }
  const serverOptions: ServerOptions = {
    run: { command, args, options: { env }, transport: TransportKind.stdio },
    debug: { command, args, options: { env }, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    // Skills apply to every kind of file.
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: serverSettings(),
    // Sends workspace/didChangeConfiguration when a skillLsp.* setting changes; the server then
    // pulls the section again with workspace/configuration.
    synchronize: { configurationSection: SECTION },
    middleware: {
      // Never skill-lsp's own prompt, answer and skill-copy files: no didOpen (so no
      // diagnostics), no hovers, actions or lenses there.
      didOpen: (doc, next) => (isOwnCacheFile(doc.uri) ? Promise.resolve() : next(doc)),
      didChange: (e, next) => (isOwnCacheFile(e.document.uri) ? Promise.resolve() : next(e)),
      didSave: (doc, next) => (isOwnCacheFile(doc.uri) ? Promise.resolve() : next(doc)),
      didClose: (doc, next) => (isOwnCacheFile(doc.uri) ? Promise.resolve() : next(doc)),
      provideHover: (doc, pos, token, next) => (isOwnCacheFile(doc.uri) ? undefined : next(doc, pos, token)),
      provideCodeActions: (doc, range, ctx, token, next) =>
        isOwnCacheFile(doc.uri) ? undefined : next(doc, range, ctx, token),
      provideCodeLenses: (doc, token, next) => (isOwnCacheFile(doc.uri) ? undefined : next(doc, token)),
      provideCompletionItem: (doc, pos, ctx, token, next) =>
        isOwnCacheFile(doc.uri) ? undefined : next(doc, pos, ctx, token),
      // Agent requests (also those started by a code action) get a notification with Cancel:
      // vscode-languageclient shows server-created progress only in the status bar.
      executeCommand: async (command, args, next) => {
        if (command === 'skill-lsp.ask' && client) {
          return withAgentProgress(client, command, args);
        }
        return next(command, args);
      },
      workspace: {
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) {
            return result;
          }
          return result.map((value, i) => {
            const section = params.items[i]?.section;
            if ((section === SECTION || section === undefined) && value && typeof value === 'object') {
              const copy = { ...(value as Record<string, unknown>) };
              for (const key of CLIENT_ONLY_KEYS) {
                delete copy[key];
              }
              return copy;
            }
            return value;
          });
        },
      },
    },
  };
  // The id `skillLsp` makes vscode-languageclient honour `skillLsp.trace.server`.
  return new LanguageClient(SECTION, 'skill-lsp', serverOptions, clientOptions);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const { command, problem } = resolveServer();
  if (!command) {
    void reportMissingServer(problem ?? 'server not found');
    updateStatus();
    return;
  }
  output.appendLine(`Starting ${command}`);
  client = createClient(command);
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        scheduleStatus();
      } else {
        updateStatus();
      }
    }),
  );
  try {
    await client.start();
  } catch (err) {
    output.appendLine(`Failed to start the server: ${String(err)}`);
    void vscode.window.showErrorMessage(`skill-lsp: the server failed to start (${String(err)}). See the output.`);
  }
  scheduleStatus();
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(5000);
    } catch (err) {
      output.appendLine(`Stopping the server: ${String(err)}`);
    }
  }
}

function runningClient(): LanguageClient | undefined {
  if (client && client.state === State.Running) {
    return client;
  }
  void vscode.window.showWarningMessage('skill-lsp: the server is not running (see "skill-lsp: Show output").');
  return undefined;
}

let progressSeq = 0;

/** What `skill-lsp.ask` answers (see src/lsp/agent_actions.rs). */
interface AskResult {
  ok?: boolean;
  applied?: boolean;
  unchanged?: boolean;
  cancelled?: boolean;
  noAgent?: boolean;
  refused?: boolean;
  error?: string;
  path?: string | null;
  skills?: string[];
}

/**
 * Says how an agent run ended, always. The server itself shows the failures (with the reason),
 * "no change suggested", "cancelled" and "no agent" (with "Open the prompt"), so those are not
 * repeated here; what it leaves to the editor is the success.
 */
function reportResult(mode: string, result: unknown): void {
  const r = (result && typeof result === 'object' ? result : {}) as AskResult;
  if (r.ok === false || r.cancelled || r.unchanged) {
    return;
  }
  const skills = r.skills?.length ? ` (skills: ${r.skills.join(', ')})` : '';
  if (r.applied) {
    void vscode.window.showInformationMessage(`skill-lsp: ${mode} applied${skills}`);
  } else if (mode === 'rewrite') {
    void vscode.window.showWarningMessage('skill-lsp: rewrite finished, but nothing was applied');
  } else if (r.path) {
    void vscode.window.showInformationMessage(`skill-lsp: ${mode} done; the answer is open (${path.basename(r.path)})`);
  }
}

/**
 * Runs an agent command with a client-created progress token shown as a notification with a
 * Cancel button; Cancel sends `window/workDoneProgress/cancel` for that token. When it ends, a
 * message says what happened.
 */
async function withAgentProgress(c: LanguageClient, command: string, args: unknown[]): Promise<unknown> {
  const token = `vscode-skill-lsp/${process.pid}/${++progressSeq}`;
  const mode = (args[0] as { mode?: string } | undefined)?.mode ?? 'rewrite';
  let result: unknown;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `skill-lsp: ${mode}`, cancellable: true },
      async (progress, cancel) => {
        const listener = c.onProgress(WorkDoneProgress.type, token, (value) => {
          if (value.kind !== 'end' && value.message) {
            progress.report({ message: value.message });
          }
        });
        const onCancel = cancel.onCancellationRequested(() => {
          void c.sendNotification(WorkDoneProgressCancelNotification.type, { token });
        });
        try {
          return await c.sendRequest(ExecuteCommandRequest.type, { command, arguments: args, workDoneToken: token });
        } finally {
          listener.dispose();
          onCancel.dispose();
        }
      },
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    output.appendLine(`${command} (${mode}) failed: ${message}`);
    void vscode.window.showErrorMessage(`skill-lsp: ${mode} failed: ${message}`);
    return undefined;
  }
  reportResult(mode, result);
  return result;
}

async function execute<T>(command: string, args: unknown[]): Promise<T | undefined> {
  const c = runningClient();
  if (!c) {
    return undefined;
  }
  if (command === 'skill-lsp.ask') {
    return (await withAgentProgress(c, command, args)) as T;
  }
  try {
    return (await c.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as T;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(`skill-lsp: ${command} failed: ${message}`);
    return undefined;
  }
}

/** How to configure an agent, for the "no agent" message. */
const AGENT_HELP =
  'In VS Code set skillLsp.agent.provider (user settings; remote settings in a remote window): ' +
  '"openai" for any OpenAI-compatible API, with skillLsp.agent.endpoint (e.g. http://localhost:11434/v1 ' +
  'for Ollama) and skillLsp.agent.apiKeyEnv (the name of the variable that holds the key); ' +
  '"anthropic" (key in ANTHROPIC_API_KEY); or "command" with skillLsp.agent.command.';

/**
 * Asks the server which agent it would use, before anything is asked of the user. No
 * agent: says so plainly, with how to configure one, and returns false.
 */
async function checkAgent(c: LanguageClient): Promise<boolean> {
  let status: { ok?: boolean; error?: string } | null;
  try {
    status = (await c.sendRequest(ExecuteCommandRequest.type, {
      command: 'skill-lsp.agentStatus',
      arguments: [],
    })) as { ok?: boolean; error?: string } | null;
  } catch (err) {
    // An older server without the command: the run itself reports a missing agent.
    output.appendLine(`skill-lsp.agentStatus: ${String(err)}`);
    return true;
  }
  if (!status || status.ok !== false) {
    return true;
  }
  const settings = 'Open agent settings';
  const choice = await vscode.window.showErrorMessage(
    `skill-lsp: no agent, so nothing was asked: ${(status.error ?? 'none configured').replace(/^no agent( configured)?:\s*/i, '')}. ${AGENT_HELP}`,
    settings,
  );
  if (choice === settings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'skillLsp.agent');
  }
  return false;
}

/**
 * An agent command on the active editor: checks the agent first (not for the prompt, which needs
 * none), then the target (the selection, else the enclosing block, else the user's choice; a
 * review is the whole file), then the instruction when `askInstruction`.
 */
async function ask(mode: AskMode, command = 'skill-lsp.ask', askInstruction = false): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const c = runningClient();
  if (!editor || !c) {
    if (c && !editor) {
      void vscode.window.showWarningMessage('skill-lsp: open a file first');
    }
    return;
  }
  if (command === 'skill-lsp.ask' && !(await checkAgent(c))) {
    return;
  }
  const doc = editor.document;
  const target: Target | undefined =
    mode === 'review'
      ? { range: new vscode.Range(0, 0, doc.lineCount - 1, doc.lineAt(doc.lineCount - 1).text.length), label: 'the whole file' }
      : await chooseTarget(editor);
  if (!target) {
    return;
  }
  let instruction: string | undefined;
  if (askInstruction) {
    instruction = await vscode.window.showInputBox({
      title: 'Ask agent',
      prompt: `Instruction for the agent (applies to ${target.label})`,
      placeHolder: 'e.g. handle the errors this code can raise',
      ignoreFocusOut: true,
    });
    if (instruction === undefined) {
      return;
    }
  }
  const arg: Record<string, unknown> = {
    uri: c.code2ProtocolConverter.asUri(doc.uri),
    range: c.code2ProtocolConverter.asRange(target.range),
    mode,
  };
  if (instruction) {
    arg.instruction = instruction;
  }
  await execute(command, [arg]);
}

async function showSkills(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const c = runningClient();
  if (!editor || !c) {
    return;
  }
  const skills = await execute<SkillForFile[]>('skill-lsp.skillsForFile', [
    c.code2ProtocolConverter.asUri(editor.document.uri),
  ]);
  if (!skills) {
    return;
  }
  if (skills.length === 0) {
    void vscode.window.showInformationMessage('skill-lsp: no skill applies to this file.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    skills.map((s) => ({
      label: s.name,
      description: [s.activation, s.format, typeof s.score === 'number' ? s.score.toFixed(2) : undefined]
        .filter(Boolean)
        .join(' · '),
      detail: (s.reasons ?? []).join('; ') || s.description,
      skill: s,
    })),
    { title: `Skills for ${path.basename(editor.document.fileName)}`, matchOnDetail: true },
  );
  if (!picked) {
    return;
  }
  const file = picked.skill.path?.startsWith('file:') ? vscode.Uri.parse(picked.skill.path).fsPath : picked.skill.path;
  if (file && fs.existsSync(file)) {
    await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
  } else {
    await execute('skill-lsp.showSkill', [{ name: picked.skill.name }]);
  }
}

function scheduleStatus(): void {
  if (statusTimer) {
    clearTimeout(statusTimer);
  }
  statusTimer = setTimeout(() => void updateStatus(), 250);
}

async function updateStatus(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || client.state !== State.Running) {
    statusItem.text = '$(book) skill-lsp';
    statusItem.tooltip = client ? 'skill-lsp: starting' : 'skill-lsp: server not running';
    statusItem.show();
    return;
  }
  if (!editor || !['file', 'untitled'].includes(editor.document.uri.scheme)) {
    statusItem.hide();
    return;
  }
  try {
    const skills = (await client.sendRequest(ExecuteCommandRequest.type, {
      command: 'skill-lsp.skillsForFile',
      arguments: [client.code2ProtocolConverter.asUri(editor.document.uri)],
    })) as SkillForFile[] | null;
    const n = skills?.length ?? 0;
    statusItem.text = `$(book) ${n} skill${n === 1 ? '' : 's'}`;
    statusItem.tooltip = n
      ? `Skills for this file: ${skills!.map((s) => s.name).join(', ')}`
      : 'No skill applies to this file';
    statusItem.show();
  } catch (err) {
    statusItem.text = '$(book) skill-lsp';
    statusItem.tooltip = `skill-lsp: ${String(err)}`;
    statusItem.show();
  }
}

/** The last file the user had in front of them (the report is about it, not about itself). */
let lastDocument: vscode.Uri | undefined;

function userDocument(editor: vscode.TextEditor | undefined): vscode.Uri | undefined {
  const uri = editor?.document.uri;
  return uri && ['file', 'untitled'].includes(uri.scheme) ? uri : undefined;
}

/** "skill-lsp: Show status": doctor's report for the document the user came from. */
async function statusCommand(): Promise<void> {
  const document = userDocument(vscode.window.activeTextEditor) ?? lastDocument;
  const { command, problem } = resolveServer();
  if (!command) {
    await reportMissingServer(problem ?? 'server not found');
    return;
  }
  let skillsForFile: string[] | undefined;
  if (client && client.state === State.Running && document) {
    try {
      const skills = (await client.sendRequest(ExecuteCommandRequest.type, {
        command: 'skill-lsp.skillsForFile',
        arguments: [client.code2ProtocolConverter.asUri(document)],
      })) as SkillForFile[] | null;
      skillsForFile = (skills ?? []).map((s) => s.name);
    } catch (err) {
      output.appendLine(`skill-lsp.skillsForFile: ${String(err)}`);
    }
  }
  const cfg = vscode.workspace.getConfiguration(SECTION);
  await showStatus(
    {
      command,
      args: cfg.get<string[]>('server.args') ?? [],
      env: serverEnv(),
      settings: serverSettings(document),
      document,
      clientState: !client ? 'not started' : client.state === State.Running ? 'running' : 'not running',
      skillsForFile,
    },
    output,
  );
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionUri = context.extensionUri;
  output = vscode.window.createOutputChannel('skill-lsp');
  statusItem = vscode.window.createStatusBarItem('skillLsp.status', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'skill-lsp';
  statusItem.command = 'skillLsp.showSkills';
  context.subscriptions.push(output, statusItem);

  const register = (id: string, fn: () => Promise<void>) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  register('skillLsp.ask', () => ask('rewrite', 'skill-lsp.ask', true));
  register('skillLsp.explain', () => ask('explain'));
  // A review is about the whole file, whatever is selected.
  register('skillLsp.review', () => ask('review'));
  register('skillLsp.openPrompt', () => ask('rewrite', 'skill-lsp.openPrompt', true));
  register('skillLsp.showSkills', showSkills);
  register('skillLsp.reload', async () => {
    await execute('skill-lsp.reload', []);
    scheduleStatus();
  });
  register('skillLsp.restart', async () => {
    await stop();
    await start(context);
  });
  register('skillLsp.showOutput', async () => output.show(true));
  register('skillLsp.showStatus', statusCommand);
  context.subscriptions.push(registerStatusProvider());
  lastDocument = userDocument(vscode.window.activeTextEditor);

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      lastDocument = userDocument(editor) ?? lastDocument;
      scheduleStatus();
    }),
    vscode.workspace.onDidSaveTextDocument(() => scheduleStatus()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // The server binary, its arguments and its log file need a restart; everything else is
      // pulled live.
      if (e.affectsConfiguration('skillLsp.server') || e.affectsConfiguration('skillLsp.logFile')) {
        const restart = 'Restart';
        const choice = await vscode.window.showInformationMessage(
          'skill-lsp: the server settings changed.',
          restart,
        );
        if (choice === restart) {
          await vscode.commands.executeCommand('skillLsp.restart');
        }
      } else if (e.affectsConfiguration(SECTION)) {
        scheduleStatus();
      }
    }),
  );

  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}
