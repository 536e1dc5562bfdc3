#!/usr/bin/env node
// Checks every snippet file contributed in package.json: each snippet has a prefix,
// a description and a body whose ${n:...} placeholders are balanced and whose `$`
// characters are all escaped or part of a tabstop, placeholder, choice or variable.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const KNOWN_VARIABLES = new Set([
  'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER',
  'TM_FILENAME', 'TM_FILENAME_BASE', 'TM_DIRECTORY', 'TM_FILEPATH', 'RELATIVE_FILEPATH',
  'CLIPBOARD', 'WORKSPACE_NAME', 'WORKSPACE_FOLDER', 'CURSOR_INDEX', 'CURSOR_NUMBER',
  'CURRENT_YEAR', 'CURRENT_MONTH', 'CURRENT_DATE', 'UUID', 'BLOCK_COMMENT_START',
  'BLOCK_COMMENT_END', 'LINE_COMMENT',
]);

// Returns a list of problems found in a snippet body (empty when valid).
function checkBody(body) {
  const errors = [];
  const defaults = new Map(); // tabstop number -> first default text
  let i = 0;

  function parse(depth) {
    while (i < body.length) {
      const c = body[i];
      if (c === '\\') {
        i += (i + 1 < body.length && '$}\\'.includes(body[i + 1])) ? 2 : 1;
      } else if (c === '$') {
        i++;
        if (/[0-9]/.test(body[i] || '')) {
          while (/[0-9]/.test(body[i] || '')) i++;
        } else if (/[A-Za-z_]/.test(body[i] || '')) {
          const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body.slice(i));
          if (!KNOWN_VARIABLES.has(m[0])) errors.push(`unknown variable $${m[0]} at ${i - 1} (escape the $ as \\$)`);
          i += m[0].length;
        } else if (body[i] === '{') {
          const start = i - 1;
          i++;
          const num = /^[0-9]+/.exec(body.slice(i));
          const name = num ? null : /^[A-Za-z_][A-Za-z0-9_]*/.exec(body.slice(i));
          if (!num && !name) { errors.push(`\${ without a number or variable name at ${start}`); continue; }
          i += (num || name)[0].length;
          if (name && !KNOWN_VARIABLES.has(name[0])) errors.push(`unknown variable \${${name[0]}} at ${start}`);
          if (body[i] === '}') {
            i++;
          } else if (body[i] === ':') {
            i++;
            const contentStart = i;
            if (!parse(depth + 1)) { errors.push(`unclosed placeholder starting at ${start}`); return false; }
            if (num) {
              const text = body.slice(contentStart, i - 1);
              const n = num[0];
              if (defaults.has(n) && defaults.get(n) !== text) {
                errors.push(`tabstop ${n} has two different defaults: "${defaults.get(n)}" and "${text}"`);
              } else defaults.set(n, text);
            }
          } else if (body[i] === '|' && num) {
            const end = body.indexOf('|}', i + 1);
            if (end < 0) { errors.push(`unclosed choice starting at ${start}`); return false; }
            const options = body.slice(i + 1, end);
            if (!options.length) errors.push(`empty choice at ${start}`);
            i = end + 2;
          } else {
            errors.push(`malformed placeholder at ${start}`);
            return false;
          }
        } else {
          errors.push(`unescaped $ at ${i - 1} (write \\$ for a literal dollar)`);
        }
      } else if (c === '}') {
        if (depth > 0) { i++; return true; }
        i++; // a literal } outside any placeholder is allowed
      } else {
        i++;
      }
    }
    return depth === 0;
  }

  parse(0);
  if ((body.match(/\$0(?![0-9])|\$\{0[:}]/g) || []).length > 1) errors.push('more than one $0');
  return errors;
}

function main() {
  let passed = 0;
  let failed = 0;
  const report = (ok, name, problems) => {
    if (ok) { passed++; console.log(`  ok   ${name}`); }
    else { failed++; console.log(`  FAIL ${name}`); for (const p of problems) console.log(`       ${p}`); }
  };

  // The parser itself: known-bad bodies must be rejected, known-good accepted.
  const selfChecks = [
    ['${1:name', false], ['${1:a} ${2:b}}', true], ['Println($"{x}")', false], ['Println(\\$"{x}")', true],
    ['${1|a,b|}', true], ['${1:a${2:b}}', true], ['${1:a} $1 ${1:b}', false], ['${TM_FILENAME_BASE}', true],
  ];
  for (const [body, valid] of selfChecks) {
    const problems = checkBody(body);
    report((problems.length === 0) === valid, `validator ${valid ? 'accepts' : 'rejects'} ${JSON.stringify(body)}`,
      problems.length ? problems : ['expected a problem']);
  }

  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

  // The files the manifest points at exist and parse.
  for (const lang of manifest.contributes.languages || []) {
    let problems = [];
    try { JSON.parse(fs.readFileSync(path.join(root, lang.configuration), 'utf8')); } catch (e) { problems = [e.message]; }
    report(problems.length === 0, `language configuration for ${lang.id} parses`, problems);
  }
  for (const g of manifest.contributes.grammars || []) {
    let problems = [];
    try {
      const grammar = JSON.parse(fs.readFileSync(path.join(root, g.path), 'utf8'));
      if (grammar.scopeName !== g.scopeName) problems.push(`scopeName ${grammar.scopeName} != ${g.scopeName}`);
    } catch (e) { problems = [e.message]; }
    report(problems.length === 0, `grammar ${g.scopeName} parses`, problems);
  }
  const files = (manifest.contributes && manifest.contributes.snippets) || [];
  report(files.length >= 2, 'package.json contributes snippet files', ['no snippets contributed']);
  for (const { language, path: rel } of files) {
    let snippets;
    try {
      snippets = JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
    } catch (e) {
      report(false, `${rel} parses`, [e.message]);
      continue;
    }
    for (const [name, s] of Object.entries(snippets)) {
      const problems = [];
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      if (!prefixes.length || prefixes.some((p) => typeof p !== 'string' || !p.trim())) problems.push('missing prefix');
      if (typeof s.description !== 'string' || !s.description.trim()) problems.push('missing description');
      const lines = Array.isArray(s.body) ? s.body : [s.body];
      if (!lines.length || lines.some((l) => typeof l !== 'string')) problems.push('body must be a string or an array of strings');
      else problems.push(...checkBody(lines.join('\n')));
      report(problems.length === 0, `${language}: ${name}`, problems);
    }
  }

  console.log(`snippets: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main();
