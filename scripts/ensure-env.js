#!/usr/bin/env node
'use strict';

/**
 * Creates `.env` from `.env.example` with freshly generated secrets when `.env` is missing.
 * An existing `.env` keeps every line it has. A secret a newer release added (ADDED_SECRETS:
 * PREVIEW_SECRET) that it lacks, and the environment does not give, is appended with a fresh value,
 * and the command says so. A missing secret of Strapi's own (a salt, the JWT secrets, the
 * encryption key) is reported and stops the command: a new value would silently invalidate every
 * API token, session and encrypted value made with the lost one.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const SECRET_KEYS = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'PREVIEW_SECRET',
];

/** Secrets added after the first release: an existing .env gets them appended when it lacks them. */
const ADDED_SECRETS = ['PREVIEW_SECRET'];

const randomSecret = () => crypto.randomBytes(32).toString('base64');

const secretValue = (key) =>
  key === 'APP_KEYS' ? Array.from({ length: 4 }, randomSecret).join(',') : randomSecret();

/** Parses KEY=VALUE lines; comments and blank lines are ignored. */
const parseEnv = (text) => {
  const values = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (match) values[match[1]] = match[2].trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
};

/** Fills every empty secret of the example with a new random value; other lines stay as written. */
const renderEnv = (exampleText) =>
  exampleText
    .split(/\r?\n/)
    .map((line) => {
      const match = /^(\s*)([A-Z_][A-Z0-9_]*)\s*=\s*$/.exec(line);
      if (match && SECRET_KEYS.includes(match[2])) return `${match[1]}${match[2]}=${secretValue(match[2])}`;
      return line;
    })
    .join('\n');

/**
 * @returns {{ action: 'created' | 'kept', path: string, added: string[], missing: string[] }}
 */
const ensureEnv = ({ cwd = process.cwd(), env = process.env } = {}) => {
  const envPath = path.join(cwd, '.env');
  const examplePath = path.join(cwd, '.env.example');

  if (fs.existsSync(envPath)) {
    const text = fs.readFileSync(envPath, 'utf8');
    const existing = parseEnv(text);
    const absent = SECRET_KEYS.filter((key) => !existing[key] && !env[key]);
    const added = absent.filter((key) => ADDED_SECRETS.includes(key));
    const missing = absent.filter((key) => !ADDED_SECRETS.includes(key));
    if (added.length > 0) {
      // An empty `KEY=` line stays (parseEnv reads the last one): the appended line wins.
      const separator = text === '' || text.endsWith('\n') ? '' : '\n';
      fs.appendFileSync(envPath, `${separator}# added by npm run env:setup (new secrets)\n${added.map((key) => `${key}=${secretValue(key)}`).join('\n')}\n`);
    }
    return { action: 'kept', path: envPath, added, missing };
  }

  const example = fs.existsSync(examplePath)
    ? fs.readFileSync(examplePath, 'utf8')
    : SECRET_KEYS.map((key) => `${key}=`).join('\n') + '\n';
  let rendered = renderEnv(example);
  const present = parseEnv(rendered);
  const absent = SECRET_KEYS.filter((key) => !present[key]);
  if (absent.length > 0) {
    rendered += `\n${absent.map((key) => `${key}=${secretValue(key)}`).join('\n')}\n`;
  }
  // 'wx' fails instead of overwriting if another process created .env in the meantime.
  fs.writeFileSync(envPath, rendered, { flag: 'wx', mode: 0o600 });
  return { action: 'created', path: envPath, added: [], missing: [] };
};

if (require.main === module) {
  try {
    const result = ensureEnv();
    if (result.action === 'created') {
      console.log(`env: created ${path.relative(process.cwd(), result.path)} with new secrets`);
    } else {
      if (result.added.length > 0) console.log(`env: .env lacked ${result.added.join(', ')}: added with a new value (its other lines are unchanged)`);
      if (result.missing.length > 0) {
        console.warn(`env: .env exists but lacks ${result.missing.join(', ')}; add them (see .env.example) or delete .env to regenerate it`);
        process.exitCode = 1;
      } else if (result.added.length === 0) console.log('env: .env present, left unchanged');
    }
  } catch (error) {
    console.error(`env: ${error.message}`);
    process.exitCode = 1;
  }
}

module.exports = { ensureEnv, parseEnv, renderEnv, ADDED_SECRETS, SECRET_KEYS };
