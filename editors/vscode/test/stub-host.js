// Runs extension.js as VS Code would load it, against a stub of the `vscode` API (no VS Code
// runs here): activate() must start `plan lsp` through vscode-languageclient, the document
// already open must reach the server, and the server's findings must come back into the
// diagnostic collection. Prints what happened as one JSON object on stdout.
//
//   node test/stub-host.js ROOT FILE PLAN-PROGRAM LANG
//
// The stub implements what the client uses on this path (configuration, documents, URIs,
// ranges, diagnostics, events, output channels, messages); every other member is a no-op
// that returns a disposable. It is a check of the extension's wiring, not of VS Code.
'use strict';

const path = require('path');
const fs = require('fs');
const Module = require('module');

const [root, file, program, lang] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const seen = { started: null, diagnostics: {}, messages: [], commands: [], errors: [] };

const disposable = () => ({ dispose() {} });

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  dispose() {
    if (this.fn) this.fn();
  }
  static from(...items) {
    return new Disposable(() => items.forEach((i) => i && i.dispose && i.dispose()));
  }
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (listener) => {
      this.listeners.push(listener);
      return new Disposable(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      });
    };
  }
  fire(e) {
    this.listeners.slice().forEach((l) => l(e));
  }
  dispose() {
    this.listeners = [];
  }
}

class Uri {
  constructor(scheme, fsPath) {
    this.scheme = scheme;
    this.fsPath = fsPath;
    this.path = fsPath;
    this.authority = '';
    this.query = '';
    this.fragment = '';
  }
  static file(p) {
    return new Uri('file', path.resolve(p));
  }
  static parse(s) {
    if (!s.startsWith('file://')) return new Uri(s.split(':')[0], s);
    return new Uri('file', decodeURIComponent(s.slice('file://'.length)));
  }
  toString() {
    return this.scheme === 'file' ? 'file://' + this.fsPath.split('/').map(encodeURIComponent).join('/') : this.fsPath;
  }
  toJSON() {
    return this.toString();
  }
  with() {
    return this;
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

class Range {
  constructor(a, b, c, d) {
    if (a instanceof Position) {
      this.start = a;
      this.end = b;
    } else {
      this.start = new Position(a, b);
      this.end = new Position(c, d);
    }
  }
}

class Diagnostic {
  constructor(range, message, severity) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}

class CancellationTokenSource {
  constructor() {
    this.token = { isCancellationRequested: false, onCancellationRequested: () => disposable() };
  }
  cancel() {
    this.token.isCancellationRequested = true;
  }
  dispose() {}
}

// Members the path does not need: callable, constructible, and deep.
function anything(name) {
  const fn = function () {
    return disposable();
  };
  return new Proxy(fn, {
    get(target, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === 'dispose') return () => {};
      return anything(`${name}.${String(prop)}`);
    },
    construct() {
      return disposable();
    },
  });
}

function namespace(name, members) {
  return new Proxy(members, {
    get(target, prop) {
      if (prop in target) return target[prop];
      return anything(`${name}.${String(prop)}`);
    },
  });
}

const document = {
  uri: Uri.file(file),
  fileName: path.resolve(file),
  languageId: 'yaml',
  version: 1,
  isClosed: false,
  isDirty: false,
  isUntitled: false,
  lineCount: text.split('\n').length,
  getText: () => text,
};

const settings = { plan: { 'server.path': program, 'server.args': [], lang } };

const vscode = namespace('vscode', {
  version: '1.82.0',
  Disposable,
  EventEmitter,
  Uri,
  Position,
  Range,
  Diagnostic,
  CancellationTokenSource,
  CancellationError: class extends Error {},
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  env: namespace('env', { language: 'sv', appName: 'stub', openExternal: async () => true }),
  extensions: namespace('extensions', { getExtension: () => undefined }),
  commands: namespace('commands', {
    registerCommand: (id) => {
      seen.commands.push(id);
      return disposable();
    },
    executeCommand: async () => undefined,
  }),
  workspace: namespace('workspace', {
    workspaceFolders: [{ uri: Uri.file(root), name: path.basename(root), index: 0 }],
    textDocuments: [document],
    notebookDocuments: [],
    getConfiguration: (section) => ({
      get: (key, fallback) => {
        const value = (settings[section] || {})[key];
        return value === undefined ? fallback : value;
      },
      has: (key) => (settings[section] || {})[key] !== undefined,
      inspect: () => undefined,
      update: async () => {},
    }),
    // Only the workspace folder's own plan.toml is looked for.
    findFiles: async (glob) =>
      glob.includes('plan.toml') && fs.existsSync(path.join(root, 'plan.toml')) ? [Uri.file(path.join(root, 'plan.toml'))] : [],
    getWorkspaceFolder: () => ({ uri: Uri.file(root), name: path.basename(root), index: 0 }),
    createFileSystemWatcher: () => namespace('watcher', { dispose() {} }),
  }),
  window: namespace('window', {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    tabGroups: namespace('tabGroups', { all: [] }),
    createOutputChannel: (name) =>
      namespace('channel', {
        name,
        append: (s) => process.stderr.write(s),
        appendLine: (s) => process.stderr.write(s + '\n'),
        dispose() {},
      }),
    showErrorMessage: async (message) => {
      seen.messages.push({ kind: 'error', message });
      return undefined;
    },
    showWarningMessage: async (message) => {
      seen.messages.push({ kind: 'warning', message });
      return undefined;
    },
    showInformationMessage: async (message) => {
      seen.messages.push({ kind: 'information', message });
      return undefined;
    },
    withProgress: async (options, task) => task({ report() {} }, new CancellationTokenSource().token),
  }),
  languages: namespace('languages', {
    match: (selector, doc) => {
      const filters = Array.isArray(selector) ? selector : [selector];
      return filters.some(
        (f) => f && (!f.language || f.language === doc.languageId) && (!f.scheme || f.scheme === doc.uri.scheme),
      )
        ? 10
        : 0;
    },
    createDiagnosticCollection: (name) =>
      namespace('diagnostics', {
        name,
        set: (uri, list) => {
          if (uri instanceof Uri || typeof uri === 'string') {
            seen.diagnostics[uri.toString()] = (list || []).map((d) => ({
              code: d.code && typeof d.code === 'object' ? d.code.value : d.code,
              source: d.source,
              message: d.message,
              severity: d.severity,
              range: d.range,
            }));
          }
        },
        delete: () => {},
        clear: () => {},
        forEach: () => {},
        get: () => undefined,
        has: () => false,
        dispose() {},
      }),
  }),
});

// `require('vscode')` from the extension and the client is the stub.
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'vscode') return 'vscode';
  return resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

// Which program the client starts, with which arguments.
const childProcess = require('child_process');
const spawn = childProcess.spawn;
childProcess.spawn = function (command, args, options) {
  seen.started = { command, args };
  return spawn.call(this, command, args, options);
};

async function main() {
  const extension = require(path.join(__dirname, '..', 'extension.js'));
  const context = {
    subscriptions: [],
    globalState: { get: () => undefined, update: async () => {} },
    workspaceState: { get: () => undefined, update: async () => {} },
    extensionPath: path.join(__dirname, '..'),
    asAbsolutePath: (p) => path.join(__dirname, '..', p),
  };
  await extension.activate(context);
  const key = document.uri.toString();
  const deadline = Date.now() + 20000;
  const failed = () => seen.messages.some((m) => m.kind === 'error');
  while (!(seen.diagnostics[key] || []).length && !failed() && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await extension.deactivate();
  seen.uri = key;
  process.stdout.write(JSON.stringify(seen) + '\n');
  process.exit(0);
}

main().catch((e) => {
  seen.errors.push(String(e && e.stack ? e.stack : e));
  process.stdout.write(JSON.stringify(seen) + '\n');
  process.exit(1);
});
