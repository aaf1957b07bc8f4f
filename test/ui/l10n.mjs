// The strings the extension shows in the session's display language, computed from the English
// source text the way VS Code does it: `vscode.l10n.t(message, …args)` looks `message` up in
// l10n/bundle.l10n.<locale>.json, and `%key%` in package.json comes from package.nls.<locale>.json;
// whatever is not translated (yet) stays English. The specs compare the UI with these, so the same
// specs pass in every language the extension ships.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { session } from './session.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Candidate file suffixes for a locale, most specific first: zh-cn → [zh-cn, zh]. */
function localeSuffixes(locale) {
  const lower = locale.toLowerCase();
  return lower.includes('-') ? [lower, lower.split('-')[0]] : [lower];
}

/** `{0}`-style formatting, as vscode.l10n.t does it. */
export function format(message, args) {
  return message.replace(/\{(\d+)\}/g, (m, i) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const cache = new Map();

/** Translation tables for one locale and extension folder. */
export function strings(locale = session().locale, extensionPath = session().extensionPath ?? ROOT) {
  const key = `${locale}\0${extensionPath}`;
  if (cache.has(key)) return cache.get(key);
  const english = locale.toLowerCase().startsWith('en');
  const pick = (make) => {
    if (english) return {};
    for (const suffix of localeSuffixes(locale)) {
      const found = readJson(make(suffix));
      if (found) return found;
    }
    return {};
  };
  const bundle = pick((s) => path.join(extensionPath, 'l10n', `bundle.l10n.${s}.json`));
  const nlsLocal = pick((s) => path.join(extensionPath, `package.nls.${s}.json`));
  const nlsEnglish = readJson(path.join(extensionPath, 'package.nls.json')) ?? {};
  const manifest = readJson(path.join(extensionPath, 'package.json')) ?? {};
  const value = (entry) => (typeof entry === 'string' ? entry : entry?.message);

  const api = {
    locale,
    /** vscode.l10n.t(english, …args) in this locale. */
    tr(english, ...args) {
      return format(value(bundle[english]) ?? english, args);
    },
    /**
     * A RegExp for tr(english, …args) where an argument may be a RegExp (or a string source in
     * parentheses), e.g. trPattern('AccessKey {0} was created for {1}.', /(LTAI\w+)/, 'RAM user carol').
     */
    trPattern(english, ...args) {
      const message = value(bundle[english]) ?? english;
      let source = '';
      let last = 0;
      for (const m of message.matchAll(/\{(\d+)\}/g)) {
        source += escapeRegExp(message.slice(last, m.index));
        const arg = args[Number(m[1])];
        source += arg instanceof RegExp ? `(?:${arg.source})` : escapeRegExp(String(arg ?? m[0]));
        last = m.index + m[0].length;
      }
      source += escapeRegExp(message.slice(last));
      return new RegExp(source);
    },
    /** A `%key%` of package.json in this locale. */
    nls(nlsKey) {
      const text = value(nlsLocal[nlsKey]) ?? value(nlsEnglish[nlsKey]);
      if (text === undefined) throw new Error(`package.nls.json has no key "${nlsKey}"`);
      return text;
    },
    /** A contributed command as the command palette shows it: "Category: Title". */
    command(commandId) {
      const contributed = manifest.contributes?.commands?.find((c) => c.command === commandId);
      if (!contributed) throw new Error(`package.json contributes no command ${commandId}`);
      const resolve = (text) => (typeof text === 'string' ? text.replace(/^%(.+)%$/, (_, k) => api.nls(k)) : text?.value);
      const title = resolve(contributed.title);
      return contributed.category ? `${resolve(contributed.category)}: ${title}` : title;
    },
    /** A contributed view's name, e.g. view('alibabaCloud.ram') → "RAM Users". */
    view(viewId) {
      for (const views of Object.values(manifest.contributes?.views ?? {})) {
        const found = views.find((v) => v.id === viewId);
        if (found) return found.name.replace(/^%(.+)%$/, (_, k) => api.nls(k));
      }
      throw new Error(`package.json contributes no view ${viewId}`);
    },
    /** A contributed activity bar container's title. */
    container(containerId) {
      const found = (manifest.contributes?.viewsContainers?.activitybar ?? []).find((c) => c.id === containerId);
      if (!found) throw new Error(`package.json contributes no view container ${containerId}`);
      return found.title.replace(/^%(.+)%$/, (_, k) => api.nls(k));
    },
    /** How many of `english` have a translation (for a note in the output). */
    coverage() {
      return { bundle: Object.keys(bundle).length, nls: Object.keys(nlsLocal).length };
    },
  };
  cache.set(key, api);
  return api;
}
