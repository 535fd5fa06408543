'use strict';

/**
 * The scenarios, by the server they run on (a "group": one server start, or a few), and what each
 * is compared with: `peer` is the plain-Strapi scenario answering the equivalent request,
 * `ceiling` the raw-Node server sending the same bytes, `directus` the Directus 11 scenario
 * answering the equivalent request (PostgreSQL only).
 */
const GROUPS = [
  { group: 'project', scenarios: ['by-slug', 'list', 'list-full', 'graphql-list', 'raw-ceiling', 'raw-ceiling-list'] },
  { group: 'peer', scenarios: ['peer-by-slug', 'peer-list', 'peer-list-full'] },
  // PostgreSQL only; directus-import (the REST import of the export) comes with any of them
  { group: 'directus', scenarios: ['directus-by-slug', 'directus-list', 'directus-list-full', 'directus-import'] },
  { group: 'no-plugin', scenarios: ['by-slug-no-plugin', 'list-no-plugin'] },
  { group: 'strapi-path', scenarios: ['by-slug-strapi-path', 'list-strapi-path'] },
  { group: 'cold-first', scenarios: ['cold-first-by-slug', 'cold-first-list'] },
  { group: 'peer-cold-first', scenarios: ['peer-cold-first-by-slug', 'peer-cold-first-list'] },
  { group: 'cached', scenarios: ['cached-by-slug', 'cached-list', 'cached-graphql-list'] },
  { group: 'cached-redis', scenarios: ['cached-by-slug-redis', 'cached-list-redis'] },
  { group: 'publish', scenarios: ['publish-by-slug', 'publish-list'] },
  // the translation desk's status page (admin API, an admin's JWT): its target is in TARGETS
  { group: 'desk', scenarios: ['translation-status'] },
];

/**
 * Targets a scenario must meet (checked and recorded with its result as `target`): the
 * translation desk's status page for the whole dataset (10,000 articles × 3 locales), p99 under
 * 500 ms at concurrency 1 (issue #18: "well under a second").
 */
const TARGETS = {
  'translation-status': { p99Ms: 500, connections: 1 },
};

const ALL = GROUPS.flatMap((group) => group.scenarios);

const kindOf = (name) => (/list-full/.test(name) ? 'list-full' : /list/.test(name) ? 'list' : /slug|^raw-ceiling$/.test(name) ? 'by-slug' : null);

/** The peer scenario an project scenario is compared with (the same request, or its plain-Strapi equivalent). */
const PEER_OF = {
  'by-slug': 'peer-by-slug',
  list: 'peer-list',
  'list-full': 'peer-list-full',
  'by-slug-no-plugin': 'peer-by-slug',
  'list-no-plugin': 'peer-list',
  'by-slug-strapi-path': 'peer-by-slug',
  'list-strapi-path': 'peer-list',
  'cold-first-by-slug': 'peer-cold-first-by-slug',
  'cold-first-list': 'peer-cold-first-list',
  'cached-by-slug': 'peer-by-slug',
  'cached-list': 'peer-list',
  'cached-by-slug-redis': 'peer-by-slug',
  'cached-list-redis': 'peer-list',
  'publish-by-slug': 'peer-by-slug',
  'publish-list': 'peer-list',
};

/** The Directus scenario a project scenario is compared with (bench/lib/directus.js: the equivalent Directus request). */
const DIRECTUS_OF = {
  'by-slug': 'directus-by-slug',
  list: 'directus-list',
  'list-full': 'directus-list-full',
  'by-slug-no-plugin': 'directus-by-slug',
  'list-no-plugin': 'directus-list',
  'by-slug-strapi-path': 'directus-by-slug',
  'list-strapi-path': 'directus-list',
};

/** The raw ceiling for the bytes a scenario sends (the lean list's for lists; none for the full shape). */
const ceilingOf = (name) => {
  if (name.startsWith('raw-ceiling') || name === 'directus-import') return null;
  const kind = kindOf(name);
  return kind === 'by-slug' ? 'raw-ceiling' : kind === 'list' && !name.startsWith('graphql') ? 'raw-ceiling-list' : null;
};

/** --scenarios a,b,c (names, or patterns with *): the selected names, in run order. */
const selectScenarios = (spec) => {
  if (!spec) return new Set(ALL);
  const wanted = spec.split(',').map((s) => s.trim()).filter(Boolean);
  const selected = new Set();
  for (const item of wanted) {
    const group = GROUPS.find((g) => g.group === item);
    const pattern = new RegExp(`^${item.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const matches = group ? group.scenarios : ALL.filter((name) => pattern.test(name));
    if (matches.length === 0) throw new Error(`--scenarios: no scenario "${item}"; the scenarios: ${ALL.join(', ')} (or a group: ${GROUPS.map((g) => g.group).join(', ')})`);
    for (const name of matches) selected.add(name);
  }
  return selected;
};

module.exports = { GROUPS, ALL, PEER_OF, DIRECTUS_OF, TARGETS, ceilingOf, selectScenarios };
