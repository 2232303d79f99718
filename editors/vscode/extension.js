// The plan extension: starts `plan lsp` (the language server built into the plan program)
// for the YAML files of a plan repository, and recommends the YAML extension, whose JSON
// Schema help complements it.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

const YAML_EXTENSION = 'redhat.vscode-yaml';

/** @type {LanguageClient | undefined} */
let client;

/** The extension's texts, in Swedish and English. */
const TEXTS = {
  sv: {
    notStarted: (cmd, e) =>
      `Språkservern kunde inte startas (${cmd} lsp): ${e}. Ställ in sökvägen till programmet plan i inställningen plan.server.path.`,
    openSettings: 'Öppna inställningen',
    recommendYaml:
      'YAML-tillägget (redhat.vscode-yaml) kompletterar plan: med planens JSON Schema ger det hjälp om varje nyckel och värde medan du skriver.',
    showExtension: 'Visa tillägget',
    dontAskAgain: 'Fråga inte igen',
  },
  en: {
    notStarted: (cmd, e) =>
      `The language server could not be started (${cmd} lsp): ${e}. Set the path to the plan program in the setting plan.server.path.`,
    openSettings: 'Open the setting',
    recommendYaml:
      'The YAML extension (redhat.vscode-yaml) complements plan: with the plan JSON Schema it gives help on every key and value as you type.',
    showExtension: 'Show the extension',
    dontAskAgain: "Don't ask again",
  },
};

function settings() {
  const config = vscode.workspace.getConfiguration('plan');
  const lang = config.get('lang') === 'en' ? 'en' : 'sv';
  return {
    command: config.get('server.path') || 'plan',
    args: config.get('server.args') || [],
    lang,
    text: TEXTS[lang],
  };
}

async function start(context) {
  const { command, args, lang, text } = settings();
  const serverOptions = { command, args: ['lsp', '--lang', lang, ...args] };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml' }],
    // The server asks to be told of changed files itself (dynamic registration).
    outputChannelName: 'plan',
  };
  client = new LanguageClient('plan', 'plan', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    client = undefined;
    const message = e && e.message ? e.message : String(e);
    const choice = await vscode.window.showErrorMessage(text.notStarted(command, message), text.openSettings);
    if (choice === text.openSettings) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'plan.server.path');
    }
  }
}

async function stop() {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}

/** Once, unless the user says not to: the YAML extension is worth having beside this one. */
async function recommendYaml(context) {
  const key = 'plan.yamlRecommendationDismissed';
  if (vscode.extensions.getExtension(YAML_EXTENSION) || context.globalState.get(key)) {
    return;
  }
  // Only in a plan repository: the extension also wakes for any YAML file.
  const repositories = await vscode.workspace.findFiles('**/plan.toml', '**/node_modules/**', 1);
  if (repositories.length === 0) {
    return;
  }
  const { text } = settings();
  const choice = await vscode.window.showInformationMessage(text.recommendYaml, text.showExtension, text.dontAskAgain);
  if (choice === text.showExtension) {
    await vscode.commands.executeCommand('workbench.extensions.search', YAML_EXTENSION);
  } else if (choice === text.dontAskAgain) {
    await context.globalState.update(key, true);
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('plan.restartServer', async () => {
      await stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('plan')) {
        await stop();
        await start(context);
      }
    }),
  );
  await start(context);
  recommendYaml(context).catch(() => {});
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
