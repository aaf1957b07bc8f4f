/* global btoa, Blob, indexedDB, localStorage -- inside page.evaluate, in the browser */
// What code-server's workbench keeps in the browser, read back decoded through the browser itself.
// In VS Code for the Web, globalState and workspaceState live in the page origin's IndexedDB
// (`vscode-web-state-db-*`, next to the workbench's own logs) and SecretStorage in one localStorage
// key, `secrets.provider`: the whole secret map as JSON, sealed with AES-GCM by the workbench
// (`LocalStorageSecretStorageProvider` with `ServerKeyedAESCrypto`; the key is the XOR of a random
// half stored in front of the ciphertext and code-server's `<user-data>/serve-web-key-half`). That
// one key is the only place a secret may be, so it alone is left out of the leak check, and it is
// unsealed to show that the secrets are in fact there.
import { createDecipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_STORAGE_KEY = 'secrets.provider';
const CANARY_DB = 'secret-scan-canary';

/** A page of the workbench's origin that never reaches code-server (which may have stopped): storage is per origin. */
async function originPage(context, origin) {
  const page = await context.newPage();
  await page.route(`${origin}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>storage</title>' }));
  await page.goto(`${origin}/__storage__`);
  return page;
}

/**
 * Every IndexedDB value (strings and binary pieces, walked through objects) and every localStorage
 * item of the origin, as `{ where, text }` or `{ where, bytes }`; SecretStorage's sealed value apart.
 */
export async function readBrowserStorage(context, origin) {
  const page = await originPage(context, origin);
  try {
    const raw = await page.evaluate(async (secretKey) => {
      const toBase64 = (bytes) => {
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(s);
      };
      const pieces = async (value, out = [], depth = 0) => {
        if (typeof value === 'string') out.push({ text: value });
        else if (value instanceof Blob) out.push({ base64: toBase64(new Uint8Array(await value.arrayBuffer())) });
        else if (value instanceof ArrayBuffer) out.push({ base64: toBase64(new Uint8Array(value)) });
        else if (ArrayBuffer.isView(value)) out.push({ base64: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) });
        else if (value && typeof value === 'object' && depth < 20) {
          for (const [k, v] of value instanceof Map ? value : Object.entries(value)) {
            await pieces(k, out, depth + 1);
            await pieces(v, out, depth + 1);
          }
        }
        return out;
      };
      const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      const entries = [];
      const databases = await indexedDB.databases();
      for (const { name } of databases) {
        const db = await request(indexedDB.open(name));
        try {
          for (const store of db.objectStoreNames) {
            const tx = db.transaction(store, 'readonly');
            const [keys, values] = await Promise.all([request(tx.objectStore(store).getAllKeys()), request(tx.objectStore(store).getAll())]);
            for (let i = 0; i < values.length; i++) {
              entries.push({ where: `indexedDB ${name}/${store} ${JSON.stringify(keys[i])}`.slice(0, 300), pieces: await pieces([keys[i], values[i]]) });
            }
          }
        } finally {
          db.close();
        }
      }
      let secretStorage;
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key === secretKey) secretStorage = localStorage.getItem(key);
        else entries.push({ where: `localStorage ${JSON.stringify(key)}`, pieces: [{ text: key }, { text: localStorage.getItem(key) }] });
      }
      return { databases: databases.map((d) => d.name), entries, secretStorage };
    }, SECRET_STORAGE_KEY);
    const entries = raw.entries.flatMap(({ where, pieces }) => pieces.map((p) => (p.base64 === undefined ? { where, text: p.text } : { where, bytes: Buffer.from(p.base64, 'base64') })));
    return { databases: raw.databases, entries, secretStorage: raw.secretStorage };
  } finally {
    await page.close();
  }
}

/**
 * A made-up secret written where the workbench writes: a localStorage item, and an IndexedDB
 * database of the origin (a string, and UTF-16LE bytes). Left in place, so the file scan after
 * the browser has closed must find it in the profile's Local Storage and IndexedDB files too.
 */
export async function plantCanary(context, origin, canary) {
  const page = await originPage(context, origin);
  try {
    await page.evaluate(async ({ canary, name }) => {
      localStorage.setItem(name, `planted ${canary} here`);
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('planted');
      const db = await new Promise((resolve, reject) => { open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error); });
      const bytes = new Uint8Array([...`{"v":"${canary}"}`].flatMap((c) => [c.charCodeAt(0), 0]));
      const tx = db.transaction('planted', 'readwrite');
      tx.objectStore('planted').put({ note: `planted ${canary} here` }, 'text');
      tx.objectStore('planted').put(bytes, 'utf16le');
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
      db.close();
    }, { canary, name: CANARY_DB });
  } finally {
    await page.close();
  }
  return { localStorageKey: CANARY_DB, database: CANARY_DB, entries: 3 };
}

/** Which entries hold which secrets (`{ where, secret (first 6 characters), encoding }`). */
export function findInEntries(entries, secrets) {
  const findings = [];
  for (const entry of entries) {
    for (const secret of secrets) {
      if (entry.text !== undefined) {
        if (entry.text.includes(secret)) findings.push({ where: entry.where, secret: `${secret.slice(0, 6)}…`, full: secret, encoding: 'decoded' });
      } else {
        for (const encoding of ['utf8', 'utf16le']) {
          if (entry.bytes.includes(Buffer.from(secret, encoding))) findings.push({ where: entry.where, secret: `${secret.slice(0, 6)}…`, full: secret, encoding: `bytes ${encoding}` });
        }
      }
    }
  }
  return findings;
}

/** SecretStorage's map (`{"extensionId":…,"key":…}` → value), unsealed as the workbench does it. */
export function unsealSecretStorage(sealed, userDataDir) {
  const serverHalf = readFileSync(path.join(userDataDir, 'serve-web-key-half'));
  const blob = Buffer.from(sealed, 'base64');
  if (blob.length < 60 || serverHalf.length !== 32) throw new Error(`cannot unseal: ${blob.length} sealed bytes, a ${serverHalf.length}-byte key half`);
  const key = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) key[i] = blob[i] ^ serverHalf[i];
  const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(32, 44));
  decipher.setAuthTag(blob.subarray(blob.length - 16));
  const plain = Buffer.concat([decipher.update(blob.subarray(44, blob.length - 16)), decipher.final()]).toString('utf8');
  return JSON.parse(plain);
}
