#!/usr/bin/env node
// "StapSharp: Show Generated Script" under node: the real command logic with a stub of the `vscode` module and a
// stand-in stapsharp (test/fixtures/fake-stapsharp.js) run through child_process.execFile, as the extension does.
'use strict';
const assert = require('assert');
const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { COMMAND, parseDiagnostics, buildTarget, createShowGeneratedScript, execFileRunner } = require('../src/generatedScript');

const root = path.resolve(__dirname, '..');
const fakeTool = path.join(__dirname, 'fixtures', 'fake-stapsharp.js');

function stubVscode({ document, workspaceFolder, toolPath }) {
  const calls = { errors: [], infos: [], shown: [] };
  class Range {
    constructor(startLine, startCharacter, endLine, endCharacter) { Object.assign(this, { startLine, startCharacter, endLine, endCharacter }); }
  }
  class Diagnostic {
    constructor(range, message, severity) { Object.assign(this, { range, message, severity }); }
  }
  const vscode = {
    window: {
      activeTextEditor: document ? { document } : undefined,
      showErrorMessage: async (message) => { calls.errors.push(message); },
      showInformationMessage: async (message) => { calls.infos.push(message); },
      showTextDocument: async (doc, options) => { calls.shown.push({ doc, options }); },
    },
    workspace: {
      getWorkspaceFolder: () => (workspaceFolder ? { uri: { fsPath: workspaceFolder } } : undefined),
      getConfiguration: (section) => ({ get: (key) => (section === 'stapsharp' && key === 'path' ? toolPath : undefined) }),
      openTextDocument: async (uri) => ({ uri, text: fs.readFileSync(uri.fsPath, 'utf8') }),
    },
    Uri: { file: (fsPath) => ({ scheme: 'file', fsPath }) },
    Range,
    Diagnostic,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    ViewColumn: { Beside: -2 },
  };
  const diagnostics = {
    entries: new Map(),
    cleared: 0,
    clear() { this.entries.clear(); this.cleared++; },
    set(uri, list) { this.entries.set(uri.fsPath, list); },
  };
  return { vscode, calls, diagnostics };
}

function csDocument(fileName, text, { dirty = false } = {}) {
  const document = {
    uri: { scheme: 'file', fsPath: fileName },
    fileName,
    isDirty: dirty,
    saved: false,
    getText: () => text,
    save: async () => { document.saved = true; document.isDirty = false; return true; },
  };
  return document;
}

/** A workspace folder with the given files, and the log the stand-in tool writes. */
const made = [];
function workspace(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapsharp-vscode-test-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return { dir, log: path.join(dir, 'tool.log') };
}

function runsOf(log) {
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line)) : [];
}

const commands = [];
async function invoke({ ws, document, mode, toolPath = fakeTool }) {
  const stub = stubVscode({ document, workspaceFolder: ws.dir, toolPath });
  process.env.FAKE_STAPSHARP_LOG = ws.log;
  process.env.FAKE_STAPSHARP_MODE = mode;
  const show = createShowGeneratedScript({
    vscode: stub.vscode, run: execFileRunner(childProcess.execFile), fs, os, diagnostics: stub.diagnostics,
  });
  commands.push(show);
  const result = await show.showGeneratedScript();
  return { ...stub, show, result, runs: runsOf(ws.log) };
}

const probeSource = 'public sealed class Trace : ProbeScript { }\n';
const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('the project of the file is built into a temporary folder, and the file\'s script opens beside it', async () => {
  const ws = workspace({ 'probe/Probe.csproj': '<Project />', 'probe/src/Trace.cs': probeSource });
  const file = path.join(ws.dir, 'probe/src/Trace.cs');
  const { runs, calls, diagnostics, result, show } = await invoke({ ws, document: csDocument(file, probeSource), mode: 'ok' });

  assert.strictEqual(runs.length, 1);
  const [verb, target, flag, outDir] = runs[0].args;
  assert.deepStrictEqual([verb, target, flag], ['build', path.join(ws.dir, 'probe/Probe.csproj'), '-o']);
  assert.strictEqual(runs[0].args.length, 4);
  assert.ok(path.isAbsolute(outDir) && outDir.startsWith(os.tmpdir()), outDir);
  assert.strictEqual(runs[0].cwd, path.join(ws.dir, 'probe'));
  assert.deepStrictEqual(calls.shown.map((s) => s.doc.uri.fsPath), [path.join(outDir, 'Trace.stp')]);
  assert.match(calls.shown[0].doc.text, /printf\("Trace\\n"\)/);
  assert.strictEqual(calls.shown[0].options.viewColumn, -2);
  assert.strictEqual(calls.shown[0].options.preserveFocus, true);
  assert.deepStrictEqual(result.shown, [path.join(outDir, 'Trace.stp')]);
  assert.strictEqual(diagnostics.cleared, 1);
  assert.deepStrictEqual(calls.errors, []);

  // The next run replaces this output; dispose removes the last one.
  const next = await show.showGeneratedScript();
  assert.ok(!fs.existsSync(outDir), 'the previous output is removed');
  show.dispose();
  assert.ok(!fs.existsSync(path.dirname(next.shown[0])), 'dispose removes the last output');
});

test('a file outside any project is built alone', async () => {
  const ws = workspace({ 'Trace.cs': probeSource });
  const file = path.join(ws.dir, 'Trace.cs');
  const { runs } = await invoke({ ws, document: csDocument(file, probeSource), mode: 'ok' });

  assert.strictEqual(runs[0].args[1], file);
});

test('a folder with two projects does not guess: the file is built alone', () => {
  const ws = workspace({ 'A.csproj': '', 'B.csproj': '', 'Trace.cs': probeSource });
  assert.strictEqual(buildTarget(path.join(ws.dir, 'Trace.cs'), ws.dir, fs), path.join(ws.dir, 'Trace.cs'));
});

test('the search for a project stops at the workspace folder', () => {
  const ws = workspace({ 'Outer.csproj': '', 'inner/Trace.cs': probeSource });
  const file = path.join(ws.dir, 'inner/Trace.cs');
  assert.strictEqual(buildTarget(file, path.join(ws.dir, 'inner'), fs), file);
  assert.strictEqual(buildTarget(file, ws.dir, fs), path.join(ws.dir, 'Outer.csproj'));
});

test('the tool\'s diagnostics go to the Problems panel at their file, line and column, and no script opens', async () => {
  const ws = workspace({ 'Trace.cs': probeSource });
  const file = path.join(ws.dir, 'Trace.cs');
  const { calls, diagnostics } = await invoke({ ws, document: csDocument(file, probeSource), mode: 'errors' });

  assert.deepStrictEqual([...diagnostics.entries.keys()], [file]);
  const [error, warning] = diagnostics.entries.get(file);
  assert.deepStrictEqual({ ...error.range }, { startLine: 6, startCharacter: 19, endLine: 6, endCharacter: 19 });
  assert.strictEqual(error.severity, 0);
  assert.strictEqual(error.code, 'STAP0008');
  assert.strictEqual(error.source, 'stapsharp');
  assert.strictEqual(error.message, "Probe parameter 'x' has type 'int'; use long");
  assert.strictEqual(warning.severity, 1);
  assert.strictEqual(warning.code, 'STAP0401');
  assert.deepStrictEqual(calls.shown, []);
  assert.strictEqual(calls.errors.length, 1);
  assert.match(calls.errors[0], /2 problem\(s\) in the Problems panel/);
});

test('an unsaved editor is saved first, so the tool translates what is on screen', async () => {
  const ws = workspace({ 'Trace.cs': probeSource });
  const document = csDocument(path.join(ws.dir, 'Trace.cs'), probeSource, { dirty: true });
  await invoke({ ws, document, mode: 'ok' });

  assert.strictEqual(document.saved, true);
});

test('names with shell characters reach the tool as one argument each, and no shell runs them', async () => {
  const name = 'a b;touch pwned-$(id -u)`touch pwned2`';
  const ws = workspace({ [`${name}/Trace's.cs`]: probeSource });
  const file = path.join(ws.dir, name, "Trace's.cs");
  const { runs, calls } = await invoke({ ws, document: csDocument(file, probeSource), mode: 'ok' });

  assert.strictEqual(runs[0].args[1], file);
  assert.strictEqual(runs[0].args.length, 4);
  assert.deepStrictEqual(fs.readdirSync(path.join(ws.dir, name)).filter((f) => f.startsWith('pwned')), []);
  assert.deepStrictEqual(fs.readdirSync(ws.dir).filter((f) => f.startsWith('pwned')), []);
  assert.strictEqual(calls.shown.length, 1);
});

test('a missing tool is an error naming the setting, not an exception', async () => {
  const ws = workspace({ 'Trace.cs': probeSource });
  const { calls, result } = await invoke({ ws, document: csDocument(path.join(ws.dir, 'Trace.cs'), probeSource), mode: 'ok', toolPath: path.join(ws.dir, 'no-such-stapsharp') });

  assert.strictEqual(calls.errors.length, 1);
  assert.match(calls.errors[0], /stapsharp\.path/);
  assert.deepStrictEqual(result.shown, []);
});

test('a failure without diagnostics shows the tool\'s first error line', async () => {
  const ws = workspace({ 'Trace.cs': probeSource });
  const { calls, diagnostics } = await invoke({ ws, document: csDocument(path.join(ws.dir, 'Trace.cs'), probeSource), mode: 'fail' });

  assert.deepStrictEqual(calls.errors, ['StapSharp: stapsharp build failed: stapsharp: cannot read the project']);
  assert.strictEqual(diagnostics.entries.size, 0);
});

test('without a C# file in the editor nothing runs', async () => {
  const ws = workspace({ 'script.stp': 'probe begin {}\n' });
  const { calls, runs } = await invoke({ ws, document: csDocument(path.join(ws.dir, 'script.stp'), ''), mode: 'ok' });
  const none = await invoke({ ws, document: undefined, mode: 'ok' });

  assert.deepStrictEqual(runs, []);
  assert.deepStrictEqual(none.runs, []);
  assert.strictEqual(calls.errors.length, 1);
  assert.strictEqual(none.calls.errors.length, 1);
});

test('diagnostic lines are read with relative and absolute files; other lines are not diagnostics', () => {
  const found = parseDiagnostics([
    'src/Trace.cs(3,9): error CS1002: ; expected',
    '/abs/Other.cs(12,1): info STAP0400: make it partial',
    'build failed: 1 error(s); no script written',
    'Trace.cs(x,1): error STAP0001: not a place',
  ].join('\n'), '/work/probe');

  assert.deepStrictEqual(found.map((d) => [d.file, d.line, d.column, d.severity, d.code]), [
    ['/work/probe/src/Trace.cs', 2, 8, 'error', 'CS1002'],
    ['/abs/Other.cs', 11, 0, 'info', 'STAP0400'],
  ]);
});

test('package.json declares the command, its setting and the extension\'s entry', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.ok(fs.existsSync(path.join(root, manifest.main)), manifest.main);
  const command = manifest.contributes.commands.find((c) => c.command === COMMAND);
  assert.ok(command, 'command contributed');
  assert.strictEqual(`${command.category}: ${command.title}`, 'StapSharp: Show Generated Script');
  assert.strictEqual(manifest.contributes.configuration.properties['stapsharp.path'].type, 'string');
  const source = fs.readFileSync(path.join(root, manifest.main), 'utf8');
  assert.match(source, /registerCommand\(COMMAND/);
});

(async () => {
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of tests) {
    try {
      await fn();
      passed++;
      console.log(`ok   command: ${name}`);
    } catch (error) {
      failed++;
      console.log(`FAIL command: ${name}\n     ${String(error && error.stack || error).split('\n').join('\n     ')}`);
    }
  }
  for (const command of commands) command.dispose();
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  console.log(`command: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
})();
