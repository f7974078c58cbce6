// What an agent command acts on when nothing is selected, as the Neovim plugin's :SkillLspAsk:
// the enclosing function, method or class when the language reports symbols; otherwise the user
// chooses between the top-level block around the cursor and the whole file. Never the whole file
// without saying so.

import * as vscode from 'vscode';

/** A range to act on and the words that name it in prompts and messages. */
export interface Target {
  range: vscode.Range;
  label: string;
}

const BLOCK_KINDS = new Set([
  vscode.SymbolKind.Function,
  vscode.SymbolKind.Method,
  vscode.SymbolKind.Constructor,
  vscode.SymbolKind.Class,
  vscode.SymbolKind.Struct,
  vscode.SymbolKind.Interface,
  vscode.SymbolKind.Enum,
  vscode.SymbolKind.Module,
  vscode.SymbolKind.Namespace,
]);

/** Whole lines `first..last` (0-based): up to the start of the next line, so a rewrite replaces
 * their line breaks too (the end of the file when `last` is the last line). */
export function linesRange(doc: vscode.TextDocument, first: number, last: number): vscode.Range {
  const end = last + 1 < doc.lineCount ? new vscode.Position(last + 1, 0) : doc.lineAt(doc.lineCount - 1).range.end;
  return new vscode.Range(new vscode.Position(first, 0), end);
}

function linesLabel(first: number, last: number): string {
  return first === last ? `line ${first + 1}` : `lines ${first + 1}-${last + 1}`;
}

/** The innermost function/class/... symbol around `pos`, from the document's symbol providers. */
async function enclosingSymbol(
  doc: vscode.TextDocument,
  pos: vscode.Position,
): Promise<{ first: number; last: number; kind: string; name: string } | undefined> {
  let symbols: (vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined;
  try {
    symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
  } catch {
    return undefined;
  }
  let best: { range: vscode.Range; kind: vscode.SymbolKind; name: string } | undefined;
  const visit = (list: (vscode.DocumentSymbol | vscode.SymbolInformation)[]) => {
    for (const s of list) {
      const range = 'range' in s ? s.range : s.location.range;
      if (!range.contains(pos)) {
        continue;
      }
      if (BLOCK_KINDS.has(s.kind) && (!best || best.range.contains(range))) {
        best = { range, kind: s.kind, name: s.name };
      }
      if ('children' in s && s.children) {
        visit(s.children);
      }
    }
  };
  visit(symbols ?? []);
  if (!best) {
    return undefined;
  }
  const kind = vscode.SymbolKind[best.kind].toLowerCase();
  return { first: best.range.start.line, last: best.range.end.line, kind, name: best.name };
}

/** The top-level block around `line`: from the last unindented line at or above it to the line
 * before the next unindented one, trailing blank lines left out. */
export function topLevelBlock(doc: vscode.TextDocument, line: number): { first: number; last: number } | undefined {
  const top = (i: number) => i >= 0 && i < doc.lineCount && /^\S/.test(doc.lineAt(i).text);
  let first = line;
  while (first > 0 && !top(first)) {
    first--;
  }
  if (!top(first)) {
    return undefined;
  }
  let last = first + 1;
  while (last < doc.lineCount && !top(last)) {
    last++;
  }
  last--;
  while (last > first && doc.lineAt(last).isEmptyOrWhitespace) {
    last--;
  }
  return { first, last };
}

/**
 * The selection when there is one; else the enclosing symbol; else the user's choice between the
 * block around the cursor and the whole file. `undefined`: the user dismissed the choice.
 */
export async function chooseTarget(editor: vscode.TextEditor): Promise<Target | undefined> {
  const doc = editor.document;
  const sel = editor.selection;
  if (!sel.isEmpty) {
    const last = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line;
    return { range: sel, label: `the selection (${linesLabel(sel.start.line, last)})` };
  }
  const sym = await enclosingSymbol(doc, sel.active);
  if (sym) {
    return {
      range: linesRange(doc, sym.first, sym.last),
      label: `the enclosing ${sym.kind} ${sym.name} (${linesLabel(sym.first, sym.last)})`,
    };
  }
  const whole = {
    label: `The whole file (${doc.lineCount} line${doc.lineCount === 1 ? '' : 's'})`,
    target: { range: linesRange(doc, 0, doc.lineCount - 1), label: 'the whole file' },
  };
  const items = [whole];
  const block = topLevelBlock(doc, sel.active.line);
  if (block && !(block.first === 0 && block.last === doc.lineCount - 1)) {
    const label = linesLabel(block.first, block.last);
    items.unshift({
      label: `The block around the cursor (${label})`,
      target: { range: linesRange(doc, block.first, block.last), label: `the block around the cursor (${label})` },
    });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'skill-lsp: nothing is selected. Ask about:',
    ignoreFocusOut: true,
  });
  return picked?.target;
}
