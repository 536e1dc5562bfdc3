// The extension's entry: registers "StapSharp: Show Generated Script". The grammar and snippets are declarative.
'use strict';
const vscode = require('vscode');
const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const { COMMAND, createShowGeneratedScript, execFileRunner } = require('./generatedScript');

function activate(context) {
  const diagnostics = vscode.languages.createDiagnosticCollection('stapsharp');
  const command = createShowGeneratedScript({ vscode, run: execFileRunner(childProcess.execFile), fs, os, diagnostics });
  context.subscriptions.push(diagnostics, command, vscode.commands.registerCommand(COMMAND, command.showGeneratedScript));
}

function deactivate() {}

module.exports = { activate, deactivate };
