// "StapSharp: Show Generated Script": translates the C# file in the editor (or the project it belongs to) with
// `stapsharp build`, opens the .stp beside it and puts the tool's diagnostics in the Problems panel.
// Everything VS Code and the system provide comes in as arguments, so the logic runs under node with stubs.
'use strict';
const path = require('path');

const COMMAND = 'stapsharp.showGeneratedScript';
const DEFAULT_TOOL = 'stapsharp';
const TIMEOUT_MS = 5 * 60 * 1000;

// `file(line,col): error STAP0008: message`, as stapsharp and the C# compiler print diagnostics.
const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): (error|warning|info|hidden) ([A-Za-z]+[0-9]+): (.*)$/;

/** The diagnostics in the tool's output, each with its absolute file (relative ones are taken from cwd). */
function parseDiagnostics(output, cwd) {
  const found = [];
  for (const line of output.split(/\r?\n/)) {
    const m = DIAGNOSTIC.exec(line);
    if (!m) continue;
    found.push({
      file: path.resolve(cwd, m[1]),
      line: Math.max(0, Number(m[2]) - 1),
      column: Math.max(0, Number(m[3]) - 1),
      severity: m[4],
      code: m[5],
      message: m[6],
    });
  }
  return found;
}

/**
 * What to build for a C# file: the project above it (the nearest folder, up to the workspace folder, holding exactly
 * one .csproj), so the file compiles with its project's other files and settings; else the file alone.
 */
function buildTarget(file, workspaceFolder, fs) {
  const stop = workspaceFolder ? path.resolve(workspaceFolder) : path.parse(file).root;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    let projects = [];
    try {
      projects = fs.readdirSync(dir).filter((name) => name.endsWith('.csproj'));
    } catch {
      projects = [];
    }
    if (projects.length === 1) return path.join(dir, projects[0]);
    if (projects.length > 1) return file;
    if (dir === stop || path.dirname(dir) === dir) return file;
  }
}

/** The scripts to show: those named after a class the document declares, else every script written. */
function scriptsToShow(scripts, documentText) {
  const declared = new Set();
  for (const m of documentText.matchAll(/\bclass\s+([A-Za-z_][A-Za-z0-9_]*)/g)) declared.add(m[1]);
  const named = scripts.filter((file) => declared.has(path.basename(file, '.stp')));
  return named.length > 0 ? named : scripts;
}

const SEVERITIES = { error: 'Error', warning: 'Warning', info: 'Information', hidden: 'Hint' };

/**
 * The command's handler (showGeneratedScript) and what removes its last output (dispose). deps: vscode (the API or a stub), run(file, args, options) resolving to
 * { code, stdout, stderr, error } without a shell, fs, os, and diagnostics (a DiagnosticCollection).
 */
function createShowGeneratedScript({ vscode, run, fs, os, diagnostics }) {
  // Each run writes into a new temporary folder; the previous run's is removed then, the last one by dispose().
  let previousOutDir = null;
  const removePrevious = () => {
    if (previousOutDir) fs.rmSync(previousOutDir, { recursive: true, force: true });
    previousOutDir = null;
  };

  async function showGeneratedScript() {
    const editor = vscode.window.activeTextEditor;
    const document = editor && editor.document;
    if (!document || document.uri.scheme !== 'file' || !document.fileName.endsWith('.cs')) {
      await vscode.window.showErrorMessage('StapSharp: open a C# file (.cs) of a probe script to see its generated script.');
      return { shown: [] };
    }
    if (document.isDirty) await document.save();

    const file = document.fileName;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const target = buildTarget(file, folder && folder.uri.fsPath, fs);
    const tool = (vscode.workspace.getConfiguration('stapsharp').get('path') || '').trim() || DEFAULT_TOOL;
    removePrevious();
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapsharp-script-'));
    previousOutDir = outDir;
    const cwd = path.dirname(target);
    // An argument array, never a shell line: paths are absolute, so none can be read as an option either.
    const args = ['build', target, '-o', outDir];

    const result = await run(tool, args, { cwd, timeout: TIMEOUT_MS });
    diagnostics.clear();
    if (result.timedOut) {
      await vscode.window.showErrorMessage(`StapSharp: stapsharp build was stopped after ${TIMEOUT_MS / 1000} s.`);
      return { shown: [], args };
    }
    if (result.error && result.error.code === 'ENOENT') {
      await vscode.window.showErrorMessage(
        `StapSharp: '${tool}' was not found. Install it (dotnet tool install --global StapSharp.Cli) or set stapsharp.path.`);
      return { shown: [], args };
    }

    const found = parseDiagnostics(`${result.stdout}\n${result.stderr}`, cwd);
    const byFile = new Map();
    for (const d of found) {
      const range = new vscode.Range(d.line, d.column, d.line, d.column);
      const diagnostic = new vscode.Diagnostic(range, d.message, vscode.DiagnosticSeverity[SEVERITIES[d.severity]]);
      diagnostic.code = d.code;
      diagnostic.source = 'stapsharp';
      if (!byFile.has(d.file)) byFile.set(d.file, []);
      byFile.get(d.file).push(diagnostic);
    }
    for (const [diagnosticFile, list] of byFile) diagnostics.set(vscode.Uri.file(diagnosticFile), list);

    if (result.code !== 0) {
      const firstLine = `${result.stderr}`.split('\n').find((line) => line.trim().length > 0) || `exit code ${result.code}`;
      await vscode.window.showErrorMessage(found.length > 0
        ? `StapSharp: no script written; ${found.length} problem(s) in the Problems panel.`
        : `StapSharp: stapsharp build failed: ${firstLine}`);
      return { shown: [], args };
    }

    const scripts = fs.readdirSync(outDir).filter((name) => name.endsWith('.stp')).sort().map((name) => path.join(outDir, name));
    if (scripts.length === 0) {
      await vscode.window.showInformationMessage('StapSharp: no probe script (a class deriving from ProbeScript) was found.');
      return { shown: [], args };
    }
    const shown = scriptsToShow(scripts, document.getText());
    for (const script of shown) {
      const opened = await vscode.workspace.openTextDocument(vscode.Uri.file(script));
      await vscode.window.showTextDocument(opened, { viewColumn: vscode.ViewColumn.Beside, preview: shown.length === 1, preserveFocus: true });
    }
    return { shown, args };
  }

  return { showGeneratedScript, dispose: removePrevious };
}

/** Runs a program with an argument array (child_process.execFile: no shell), resolving to its exit code and output. */
function execFileRunner(execFile) {
  return (file, args, options) => new Promise((resolve) => {
    execFile(file, args, { ...options, maxBuffer: 16 * 1024 * 1024, shell: false }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({
        code,
        stdout: `${stdout || ''}`,
        stderr: `${stderr || ''}`,
        error: error && typeof error.code === 'string' ? error : null,
        timedOut: Boolean(error && error.killed),
      });
    });
  });
}

module.exports = { COMMAND, parseDiagnostics, buildTarget, scriptsToShow, createShowGeneratedScript, execFileRunner };
