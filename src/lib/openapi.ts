/**
 * The OpenAPI description of the REST content API (docs/api.md, "OpenAPI"), as the fragment
 * @strapi/plugin-documentation's override service merges into the document it writes. Built from
 * what the server runs, not from hand-copied lists: the content types' schemas, their routes as
 * registered (path, handler, route middlewares, permission scope), the configured locales
 * (newsroomLocales()), the pagination limits (config/api.ts), the actions the Public role holds
 * (lib/public-access) and the reprint-attribution plugin's routes. Pure: src/openapi hands it
 * what Strapi has.
 *
 * A route whose handler action this module cannot describe is returned in `undescribed` (and
 * left out): the integration test fails on any, so a new route cannot go undocumented.
 */
import { CONVENIENCE_PARAMS } from './article-query';
import { MAX_PAGE, MAX_START } from './query-rules';

export type Schema = Record<string, any>;

export interface AttributeLike {
  type: string;
  required?: boolean;
  private?: boolean;
  maxLength?: number;
  minLength?: number;
  regex?: string;
  enum?: string[];
  default?: unknown;
  multiple?: boolean;
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
  min?: number;
  max?: number;
}

export interface ModelLike {
  info?: { singularName?: string; pluralName?: string; displayName?: string; description?: string };
  options?: { draftAndPublish?: boolean };
  pluginOptions?: { i18n?: { localized?: boolean } };
  attributes: Record<string, AttributeLike>;
}

export interface RouteLike {
  method: string;
  /** the path as the server matches it, without /api: /articles/:id, /reprint-attribution/:contentType(article)/:documentId */
  path: string;
  /** `api::article.article.find`, `attribution.findOne`, … (the last segment is the action) */
  handler: string;
  /** names of the route's middlewares */
  middlewares: string[];
  /** `false`: no authentication at all (config.auth: false); else the permission scope ([]: the handler's action) */
  auth: false | string[];
}

export interface OpenApiInput {
  /** the configured locales (newsroomLocales()), in order, and the default */
  locales: string[];
  defaultLocale: string;
  /** config/api.ts rest.defaultLimit, rest.maxLimit */
  pagination: { defaultLimit: number; maxLimit: number };
  /** the REST API's content types with their routes */
  types: Array<{ uid: string; routes: RouteLike[] }>;
  /** every schema a description needs, by uid: the types, relation targets, components, plugin::upload.file */
  models: Record<string, ModelLike>;
  /** actions the Public role holds: `api::article.article.find`, … (lib/public-access) */
  publicActions: string[];
  /**
   * the reprint-attribution plugin, when it runs: its attributable types, its content-API routes,
   * and whether responses carry `attribution` (its config `responses`, REPRINT_ATTRIBUTION_ENABLED)
   */
  attribution?: { uids: string[]; routes: RouteLike[]; responses?: boolean };
  /** routes of the app's APIs without a content type (GET /site) */
  apiRoutes?: RouteLike[];
  /** the enumerations GET /site names, with their values (src/api/site/labels.ts) */
  labels?: { section: string[]; sourceKind: string[]; institutionKind: string[] };
  /** users-permissions JWTs are issued too (PUBLIC_REGISTRATION=true) */
  registration: boolean;
}

export interface OpenApiFragment {
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Schema>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, Schema>; securitySchemes: Record<string, Schema> };
}

// ---- helpers ----------------------------------------------------------------------------------

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullableRef = (name: string, description?: string) => ({ nullable: true, allOf: [ref(name)], ...(description ? { description } : {}) });
const json = (description: string, schema: Schema) => ({ description, content: { 'application/json': { schema } } });

export const pascal = (value: string) =>
  value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');

/** `/articles/:id` → `/articles/{id}`; `/:contentType(article)/…` → `/{contentType}/…` */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\([^)]*\))?/g, '{$1}');

const actionOf = (handler: string) => handler.slice(handler.lastIndexOf('.') + 1);

/** Attributes Strapi gives every document; the schemas write them themselves (or leave them out). */
const SYSTEM_FIELDS = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'];

const SLUG_LIKE = '^[a-z0-9]+(?:-[a-z0-9]+)*$';

/** A model's own fields as responses may carry them (private ones never). */
const fieldEntries = (model: ModelLike) => Object.entries(model.attributes).filter(([name, attribute]) => !SYSTEM_FIELDS.includes(name) && !attribute.private);

const neededToPublish = (model: ModelLike) =>
  fieldEntries(model)
    .filter(([, attribute]) => attribute.required && attribute.default === undefined)
    .map(([name]) => name);

const isToMany = (attribute: AttributeLike) => /ToMany$/.test(attribute.relation ?? '') || attribute.relation === 'manyWay';

/**
 * Who may call a route: anyone without credentials (`auth: false`: security []), anyone, with a
 * token optional (the Public role holds its scope; a token matters for drafts only), or a bearer
 * token.
 */
const securityOf = (route: RouteLike, publicActions: string[]) => {
  if (route.auth === false) return { security: [], public: true };
  const scope = route.auth.length > 0 ? route.auth : [route.handler];
  return scope.every((action) => publicActions.includes(action))
    ? { security: [{}, { bearerAuth: [] }], public: true }
    : { security: [{ bearerAuth: [] }], public: false };
};

const ERROR_RESPONSES: Record<number, [string, string]> = {
  400: ['BadRequest', 'Bad input: each problem in error.details.errors[] with its path (the field, or the query parameter)'],
  401: ['Unauthorized', 'The bearer token is invalid (or missing where one is needed)'],
  403: ['Forbidden', 'Not allowed with these credentials: a write without a token, status=draft without an API token'],
  404: ['NotFound', 'No such document (in that locale and status)'],
  409: ['Conflict', 'A concurrent write collided (with another write to the same document, or over a slug or key another write took first): try again'],
};
const errorResponses = (...codes: number[]) => Object.fromEntries(codes.map((code) => [String(code), { $ref: `#/components/responses/${ERROR_RESPONSES[code][0]}` }]));

// ---- schemas every part uses ------------------------------------------------------------------

const sharedSchemas = ({ locales, defaultLocale, pagination }: OpenApiInput): Record<string, Schema> => ({
  Locale: { type: 'string', enum: locales, description: `A configured locale (LOCALES); the default is ${defaultLocale}.` },
  LanguageLink: {
    type: 'object',
    description: 'A published edition of the document: its locale, slug, page on the site and hreflang code.',
    required: ['locale', 'slug', 'url', 'hreflang'],
    properties: {
      locale: ref('Locale'),
      slug: { type: 'string', nullable: true },
      url: { type: 'string', format: 'uri', nullable: true, description: "the edition's page on the site (null without a slug)" },
      hreflang: { type: 'string', description: 'the value of `hreflang` for this edition (BCP 47: the locale code)' },
    },
  },
  Alternate: {
    type: 'object',
    description: 'One `<link rel="alternate" hreflang="…" href="…">`: one per published edition, plus `x-default`.',
    required: ['hreflang', 'href'],
    properties: { hreflang: { type: 'string', enum: [...locales, 'x-default'] }, href: { type: 'string', format: 'uri' } },
  },
  Fallback: {
    type: 'object',
    description: 'The document is served in another locale than the one requested (`fallback=true`).',
    required: ['requested', 'served', 'reason'],
    properties: { requested: ref('Locale'), served: ref('Locale'), reason: { type: 'string', example: 'not available in the requested locale' } },
  },
  Pagination: {
    description: 'page/pageSize, or start/limit when the request used them; total and pageCount unless pagination[withCount]=false.',
    anyOf: [
      {
        type: 'object',
        required: ['page', 'pageSize'],
        properties: {
          page: { type: 'integer', minimum: 1, maximum: MAX_PAGE },
          pageSize: { type: 'integer', minimum: 1, maximum: pagination.maxLimit },
          pageCount: { type: 'integer', minimum: 0 },
          total: { type: 'integer', minimum: 0 },
        },
      },
      {
        type: 'object',
        required: ['start', 'limit'],
        properties: { start: { type: 'integer', minimum: 0, maximum: MAX_START }, limit: { type: 'integer', minimum: 1, maximum: pagination.maxLimit }, total: { type: 'integer', minimum: 0 } },
      },
    ],
  },
  Error: {
    type: 'object',
    required: ['data', 'error'],
    properties: {
      data: { nullable: true, description: 'always null' },
      error: {
        type: 'object',
        required: ['status', 'name', 'message'],
        properties: {
          status: { type: 'integer' },
          name: { type: 'string', example: 'ValidationError' },
          message: { type: 'string', description: 'what is wrong, for a person' },
          details: {
            type: 'object',
            description: 'For client errors about a field or a parameter: `errors`, one per problem.',
            properties: { errors: { type: 'array', items: ref('ErrorDetail') } },
            additionalProperties: true,
          },
        },
      },
    },
  },
  ErrorDetail: {
    type: 'object',
    required: ['path', 'message'],
    properties: {
      path: {
        type: 'array',
        items: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        description: 'the field in the body (`["reprint", "originalUrl"]`) or the query parameter (`["pagination", "pageSize"]`)',
      },
      message: { type: 'string' },
      name: { type: 'string' },
      value: { description: 'the value refused, when there is one' },
    },
  },
  MediaFormat: {
    type: 'object',
    required: ['url'],
    properties: {
      name: { type: 'string' },
      hash: { type: 'string' },
      ext: { type: 'string' },
      mime: { type: 'string' },
      width: { type: 'integer', nullable: true },
      height: { type: 'integer', nullable: true },
      size: { type: 'number' },
      sizeInBytes: { type: 'number' },
      path: { type: 'string', nullable: true },
      url: { type: 'string', format: 'uri' },
    },
  },
  BlockNode: {
    type: 'object',
    description:
      'A node of Strapi blocks: paragraph, heading (level), list (format), list-item, quote, code and image (image: Media) hold inline nodes: text (text, bold, italic, …) and link (url).',
    required: ['type'],
    properties: {
      type: { type: 'string' },
      children: { type: 'array', items: ref('BlockNode') },
      text: { type: 'string' },
      url: { type: 'string' },
      level: { type: 'integer' },
      format: { type: 'string' },
      image: ref('Media'),
    },
    additionalProperties: true,
  },
  RelationInput: {
    type: 'object',
    description: "Strapi 5's long form: documentIds (or { documentId, locale }) to connect, disconnect or set.",
    properties: Object.fromEntries(
      ['connect', 'disconnect', 'set'].map((key) => [
        key,
        { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'object', required: ['documentId'], properties: { documentId: { type: 'string' }, locale: ref('Locale') } }] } },
      ])
    ),
  },
});

/** strapi-plugin-reprint-attribution's `Attribution` (server/src/domain/attribution.ts) and its read route's body. */
const ATTRIBUTION_SCHEMAS: Record<string, Schema> = {
  CreditLinePart: {
    type: 'object',
    required: ['type', 'value'],
    properties: {
      type: { type: 'string', enum: ['literal', 'value'] },
      name: { type: 'string', description: 'the placeholder, for value parts (sourceName, originalTitle, …)' },
      value: { type: 'string' },
    },
  },
  MetaTag: { type: 'object', required: ['name', 'content'], properties: { name: { type: 'string' }, content: { type: 'string' } } },
  AttributionProblem: {
    type: 'object',
    required: ['path', 'code', 'message', 'severity'],
    properties: {
      path: { type: 'array', items: { type: 'string' }, description: "the field in the document, in the type's own field names" },
      code: { type: 'string' },
      message: { type: 'string' },
      severity: { type: 'string', enum: ['error', 'warning'] },
      params: { type: 'object', additionalProperties: { type: 'string' } },
      ruleSet: { type: 'string' },
    },
  },
  Attribution: {
    type: 'object',
    description:
      'Who first published a reprint, under what title, when and under which licence: the credit line in the served locale, schema.org JSON-LD, search policy and completeness (docs/reprint-attribution.md).',
    required: ['isReprint', 'creditLine', 'creditLineHtml', 'creditLineParts', 'jsonLd', 'jsonLdScript', 'canonicalUrl', 'robots', 'complete', 'missing', 'warnings', 'problems'],
    properties: {
      isReprint: { type: 'boolean' },
      creditLine: { type: 'string', nullable: true, description: 'the credit line as text (null for an own story)' },
      creditLineHtml: { type: 'string', nullable: true, description: 'the same with links, HTML-escaped' },
      creditLineParts: { type: 'array', items: ref('CreditLinePart') },
      jsonLd: {
        type: 'object',
        description: 'schema.org NewsArticle (isBasedOn: the original)',
        required: ['@context', '@type'],
        properties: {
          '@context': { type: 'string', enum: ['https://schema.org'] },
          '@type': { type: 'string', enum: ['NewsArticle'] },
          headline: { type: 'string' },
          inLanguage: { type: 'string' },
          url: { type: 'string', format: 'uri' },
        },
        additionalProperties: true,
      },
      jsonLdScript: { type: 'string', description: 'jsonLd as JSON text to write into <script type="application/ld+json"> as it is (docs/api.md, "Embedding the JSON-LD")' },
      canonicalUrl: { type: 'string', format: 'uri', nullable: true },
      robots: { type: 'array', items: ref('MetaTag') },
      complete: { type: 'boolean', description: 'publishing would pass the rules (always true for an own story)' },
      missing: { type: 'array', items: { type: 'string' }, description: 'field paths publishing still needs' },
      warnings: { type: 'array', items: ref('AttributionProblem') },
      problems: { type: 'array', items: ref('AttributionProblem') },
    },
  },
  AttributionSummary: {
    type: 'object',
    description: "What a list item's teaser needs (lists without `fields` or `populate`).",
    required: ['isReprint', 'creditLine', 'canonicalUrl'],
    properties: { isReprint: { type: 'boolean' }, creditLine: { type: 'string', nullable: true }, canonicalUrl: { type: 'string', format: 'uri', nullable: true } },
  },
  AttributionResponse: {
    type: 'object',
    required: ['data', 'meta'],
    properties: {
      data: ref('Attribution'),
      meta: {
        type: 'object',
        required: ['contentType', 'documentId', 'locale'],
        properties: { contentType: { type: 'string', example: 'api::article.article' }, documentId: { type: 'string' }, locale: ref('Locale') },
      },
    },
  },
};

/** GET /site's body (src/api/site/labels.ts `SiteLabels`): value keys from the schemas, a name per locale. */
const siteLabelsSchema = (locales: string[], labels: NonNullable<OpenApiInput['labels']>): Schema => {
  const names = { type: 'object', description: 'the name in each locale', required: locales, properties: Object.fromEntries(locales.map((code) => [code, { type: 'string' }])) };
  const labelled = (values: string[]) => ({ type: 'array', items: { type: 'object', required: ['key', 'names'], properties: { key: { type: 'string', enum: values }, names } } });
  return {
    type: 'object',
    required: ['data', 'meta'],
    properties: {
      data: {
        type: 'object',
        required: ['locales', 'defaultLocale', 'sections', 'kinds'],
        properties: {
          locales: {
            type: 'array',
            description: 'the configured locales, in order',
            items: {
              type: 'object',
              required: ['code', 'name', 'englishName', 'isDefault'],
              properties: { code: ref('Locale'), name: { type: 'string', description: 'in its own language' }, englishName: { type: 'string' }, isDefault: { type: 'boolean' } },
            },
          },
          defaultLocale: ref('Locale'),
          sections: labelled(labels.section),
          kinds: { type: 'object', required: ['source', 'institution'], properties: { source: labelled(labels.sourceKind), institution: labelled(labels.institutionKind) } },
        },
      },
      meta: {
        type: 'object',
        required: ['labelFallbacks'],
        properties: { labelFallbacks: { type: 'object', additionalProperties: { type: 'string' }, description: 'a locale without names of its own → the locale whose names it gets' } },
      },
    },
  };
};

// ---- content types → schemas ------------------------------------------------------------------

/** Schemas from Strapi models, added to `schemas` as they are needed (relation targets, components). */
const modelSchemas = (models: Record<string, ModelLike>, schemas: Record<string, Schema>) => {
  const nameOf = (uid: string) => pascal(models[uid]?.info?.singularName ?? uid.slice(uid.lastIndexOf('.') + 1));

  const scalar = (attribute: AttributeLike, name: string, inMedia = false): Schema | null => {
    const limits = {
      ...(attribute.maxLength !== undefined ? { maxLength: attribute.maxLength } : {}),
      ...(attribute.minLength !== undefined ? { minLength: attribute.minLength } : {}),
      ...(attribute.regex ? { pattern: attribute.regex } : {}),
    };
    switch (attribute.type) {
      case 'string':
      case 'text':
      case 'richtext':
      case 'email':
      case 'uid':
        return inMedia && (name === 'url' || name === 'previewUrl') ? { type: 'string', format: 'uri' } : { type: 'string', ...limits };
      case 'enumeration':
        return { type: 'string', enum: attribute.enum ?? [] };
      case 'date':
        return { type: 'string', format: 'date' };
      case 'datetime':
      case 'timestamp':
        return { type: 'string', format: 'date-time' };
      case 'time':
        return { type: 'string', example: '09:30:00' };
      case 'integer':
        return { type: 'integer', ...(attribute.min !== undefined ? { minimum: attribute.min } : {}), ...(attribute.max !== undefined ? { maximum: attribute.max } : {}) };
      case 'biginteger':
        return { type: 'string', pattern: '^-?\\d+$' };
      case 'decimal':
      case 'float':
        return { type: 'number' };
      case 'boolean':
        return { type: 'boolean' };
      case 'json':
        return inMedia && name === 'formats' ? { type: 'object', nullable: true, additionalProperties: ref('MediaFormat') } : {};
      case 'blocks':
        return { type: 'array', items: ref('BlockNode') };
      default:
        return null;
    }
  };

  /** Timestamps, publication and locale, as Strapi adds them (its loaded models list them; a schema.json does not). */
  const system = (model: ModelLike): Record<string, Schema> => {
    const has = (name: string, otherwise: boolean) => (name in model.attributes ? !model.attributes[name].private : otherwise);
    const localized = Boolean(model.pluginOptions?.i18n?.localized);
    return {
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      ...(has('publishedAt', model.options?.draftAndPublish !== false) ? { publishedAt: { type: 'string', format: 'date-time', nullable: true, description: 'null for a draft' } } : {}),
      ...(has('locale', localized) ? { locale: localized ? ref('Locale') : { type: 'string', nullable: true } } : {}),
    };
  };

  /** A relation's target as a response carries it: id, documentId and any of its own fields. */
  const relation = (target: string) => {
    const name = `${nameOf(target)}Relation`;
    if (!schemas[name]) {
      schemas[name] = {}; // a type related to itself (institution.parent) finds it
      schemas[name] = {
        type: 'object',
        description: `A related ${nameOf(target).toLowerCase()}: the fields the request or the default population selects.`,
        required: ['id', 'documentId'],
        properties: {
          id: { type: 'integer' },
          documentId: { type: 'string' },
          ...fields(models[target], { relations: false }),
          ...system(models[target]),
          // src/middlewares/localized-reads.ts: a related newsroom document gets its page's address.
          ...(target.startsWith('api::') && models[target]?.pluginOptions?.i18n?.localized
            ? { url: { type: 'string', format: 'uri', nullable: true, description: 'its page on the site, when the response carries its slug' } }
            : {}),
        },
      };
    }
    return name;
  };

  const component = (uid: string) => {
    const name = `${pascal(uid)}Component`;
    if (!schemas[name]) {
      schemas[name] = {};
      const model = models[uid];
      schemas[name] = { type: 'object', ...(model.info?.description ? { description: model.info.description } : {}), properties: { id: { type: 'integer' }, ...fields(model, {}) } };
    }
    return name;
  };

  /** Response properties of a model's own attributes (relations, media and components as they come when populated). */
  const fields = (model: ModelLike, { relations = true, inMedia = false }: { relations?: boolean; inMedia?: boolean }): Record<string, Schema> => {
    const properties: Record<string, Schema> = {};
    for (const [name, attribute] of fieldEntries(model)) {
      if (attribute.type === 'relation') {
        if (!relations || !attribute.target || !models[attribute.target] || attribute.target.startsWith('admin::')) continue;
        properties[name] = isToMany(attribute) ? { type: 'array', items: ref(relation(attribute.target)) } : nullableRef(relation(attribute.target));
      } else if (attribute.type === 'media') {
        properties[name] = attribute.multiple ? { type: 'array', nullable: true, items: ref('Media') } : nullableRef('Media');
      } else if (attribute.type === 'component') {
        if (!attribute.component || !models[attribute.component]) continue;
        properties[name] = attribute.repeatable ? { type: 'array', items: ref(component(attribute.component)) } : nullableRef(component(attribute.component));
      } else {
        const schema = scalar(attribute, name, inMedia);
        if (schema === null) continue;
        properties[name] = Object.keys(schema).length === 0 || attribute.required ? schema : { ...schema, nullable: true };
      }
    }
    return properties;
  };

  /** A write body's `data`: what a write may send. No `required`: a draft may leave out what publishing needs. */
  const request = (model: ModelLike): Record<string, Schema> => {
    const properties: Record<string, Schema> = {};
    const needed = neededToPublish(model);
    for (const [name, attribute] of fieldEntries(model)) {
      const note = needed.includes(name) ? ' Needed to publish.' : '';
      if (attribute.type === 'relation') {
        if (!attribute.target || !models[attribute.target] || attribute.target.startsWith('admin::')) continue;
        properties[name] = isToMany(attribute)
          ? { description: `the related documents' documentIds (${attribute.target}).${note}`, anyOf: [{ type: 'array', items: { type: 'string' } }, ref('RelationInput')] }
          : { description: `the related document's documentId (${attribute.target}).${note}`, nullable: true, anyOf: [{ type: 'string' }, ref('RelationInput')] };
      } else if (attribute.type === 'media') {
        properties[name] = attribute.multiple
          ? { type: 'array', items: { type: 'integer' }, description: `ids of uploaded files.${note}` }
          : { type: 'integer', nullable: true, description: `the id of an uploaded file.${note}` };
      } else if (attribute.type === 'component') {
        if (!attribute.component || !models[attribute.component]) continue;
        properties[name] = attribute.repeatable ? { type: 'array', items: ref(component(attribute.component)) } : nullableRef(component(attribute.component), note.trim() || undefined);
      } else {
        const schema = scalar(attribute, name);
        if (schema === null) continue;
        properties[name] = { ...schema, nullable: true, ...(attribute.default !== undefined ? { default: attribute.default } : {}), ...(note ? { description: note.trim() } : {}) };
      }
    }
    return properties;
  };

  return { nameOf, fields, system, request };
};

/**
 * The schemas of one content type: `<Name>` as a single read returns it, `<Name>ListItem`,
 * `<Name>Document` as a write returns it (no language links: those come with reads), the
 * response bodies and `<Name>Request`.
 */
const addTypeSchemas = (uid: string, model: ModelLike, schemas: Record<string, Schema>, build: ReturnType<typeof modelSchemas>, attributable: boolean) => {
  const name = build.nameOf(uid);
  const localized = Boolean(model.pluginOptions?.i18n?.localized);
  const own = { id: { type: 'integer' }, documentId: { type: 'string' }, ...build.fields(model, {}), ...build.system(model) };
  const links: Record<string, Schema> = localized
    ? {
        url: { type: 'string', format: 'uri', nullable: true, description: "this edition's page on the site (SITE_URL and the type's page pattern); null without a slug" },
        localizations: { type: 'array', items: ref('LanguageLink'), description: "every published edition, this one included, in the newsroom's locale order" },
        alternates: { type: 'array', items: ref('Alternate'), description: 'the `<link rel="alternate">` list: one per published edition, plus x-default' },
      }
    : {};
  const attribution = attributable ? { attribution: nullableRef('Attribution') } : {};
  const required = ['id', 'documentId', ...Object.keys(links), ...Object.keys(attribution)];

  schemas[name] = { type: 'object', ...(model.info?.description ? { description: model.info.description } : {}), required, properties: { ...own, ...links, ...attribution } };
  schemas[`${name}ListItem`] = {
    type: 'object',
    description: attributable
      ? 'A list item. Without `fields` or `populate` it carries what a teaser needs (no body; `attribution` is its summary); the request\'s own `fields` or `populate` choose otherwise.'
      : 'A list item.',
    required,
    properties: {
      ...own,
      ...links,
      ...(attributable ? { attribution: { nullable: true, anyOf: [ref('AttributionSummary'), ref('Attribution')] } } : {}),
      ...(localized ? { fallback: { allOf: [ref('Fallback')], description: 'on a list with fallback=true: this item is served in the default locale' } } : {}),
    },
  };
  schemas[`${name}Document`] = { type: 'object', description: `The ${name.toLowerCase()} as a write returns it.`, required: ['id', 'documentId'], properties: { ...own, ...attribution } };
  schemas[`${name}Response`] = { type: 'object', required: ['data', 'meta'], properties: { data: ref(name), meta: { type: 'object', properties: localized ? { fallback: ref('Fallback') } : {} } } };
  schemas[`${name}ListResponse`] = {
    type: 'object',
    required: ['data', 'meta'],
    properties: { data: { type: 'array', items: ref(`${name}ListItem`) }, meta: { type: 'object', properties: { pagination: ref('Pagination') } } },
  };
  schemas[`${name}WriteResponse`] = { type: 'object', required: ['data'], properties: { data: ref(`${name}Document`), meta: { type: 'object' } } };
  const needed = neededToPublish(model);
  schemas[`${name}Request`] = {
    type: 'object',
    required: ['data'],
    properties: {
      data: {
        type: 'object',
        description: `${needed.length > 0 ? `Publishing needs ${needed.join(', ')}; a draft (status=draft) may leave them out. ` : ''}A field left out keeps its value (update) or its default (create).`,
        properties: build.request(model),
      },
    },
  };
  return { name, localized };
};

// ---- query parameters -------------------------------------------------------------------------

const queryParameters = ({ locales, defaultLocale, pagination }: OpenApiInput, models: Record<string, ModelLike>) => {
  const locale = {
    name: 'locale',
    in: 'query',
    required: false,
    description: `One of the configured locales (LOCALES), once. Without it, the default locale (${defaultLocale}). Any other value, \`*\` (every locale) included, is a 400.`,
    schema: { type: 'string', enum: locales, default: defaultLocale },
    example: locales.includes('en') ? 'en' : defaultLocale,
  };
  const status = (write: boolean) => ({
    name: 'status',
    in: 'query',
    required: false,
    description: write
      ? 'published (the default) writes and publishes; draft writes the draft only.'
      : 'published (the default) or draft: drafts need an API token (403 without one) and may hold null in fields publishing needs.',
    schema: { type: 'string', enum: ['published', 'draft'], default: 'published' },
    example: 'published',
  });
  const fallback = {
    name: 'fallback',
    in: 'query',
    required: false,
    description:
      'true: a document missing in the requested locale is served in the default locale; a single read says so in meta.fallback, a list item in its own `fallback`. With a slug, a slug of another locale finds the document too.',
    schema: { type: 'boolean', default: false },
    example: true,
  };
  const read = (uid: string) => [
    {
      name: 'fields',
      in: 'query',
      required: false,
      description: 'The fields to return, comma-separated (or fields[0]=…); id and documentId always come.',
      schema: { type: 'string' },
      example: models[uid]?.attributes?.title ? 'title,slug' : 'name,slug',
    },
    {
      name: 'populate',
      in: 'query',
      required: false,
      description: 'Relations, media and components to return: a name, a comma-separated list, `*`, or the object form (populate[source][fields][0]=name). Replaces the default population.',
      schema: { type: 'string' },
      example: '*',
    },
  ];
  const list = (uid: string) => [
    { name: 'sort', in: 'query', required: false, description: 'field:asc or field:desc, comma-separated (or sort[0]=…).', schema: { type: 'string' }, example: models[uid]?.attributes?.date ? 'date:desc' : 'name:asc' },
    {
      name: 'filters',
      in: 'query',
      required: false,
      style: 'deepObject',
      explode: true,
      description: "Strapi's filters (filters[key][$eq]=…): allowed fields, operators and value shapes only (docs/security.md); through a relation, published documents only.",
      schema: { type: 'object', additionalProperties: true },
    },
    {
      name: 'pagination[page]',
      in: 'query',
      required: false,
      description: 'Page number (page-based pagination; not with start/limit: 400).',
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 },
      example: 1,
    },
    {
      name: 'pagination[pageSize]',
      in: 'query',
      required: false,
      description: `Items per page: ${pagination.defaultLimit} by default, at most ${pagination.maxLimit}.`,
      schema: { type: 'integer', minimum: 1, maximum: pagination.maxLimit, default: pagination.defaultLimit },
      example: 10,
    },
    {
      name: 'pagination[start]',
      in: 'query',
      required: false,
      description: 'Offset of the first item (offset pagination; not with page/pageSize: 400).',
      schema: { type: 'integer', minimum: 0, maximum: MAX_START, default: 0 },
      example: 0,
    },
    {
      name: 'pagination[limit]',
      in: 'query',
      required: false,
      description: `Number of items (offset pagination): ${pagination.defaultLimit} by default, at most ${pagination.maxLimit}.`,
      schema: { type: 'integer', minimum: 1, maximum: pagination.maxLimit, default: pagination.defaultLimit },
      example: 10,
    },
    { name: 'pagination[withCount]', in: 'query', required: false, description: 'false leaves total and pageCount out of meta.pagination.', schema: { type: 'boolean', default: true }, example: true },
  ];

  /** The article list's parameters in place of Strapi's filter syntax (lib/article-query CONVENIENCE_PARAMS). */
  const convenience = (uid: string, param: string): Schema => {
    const attributes = models[uid].attributes;
    const byKeyOrSlug = (relation: string, sample: string) => ({
      name: param,
      in: 'query',
      required: false,
      style: 'form',
      explode: false,
      description: `${pascal(param)}s by key or slug (a slug of any locale), comma-separated: articles whose \`${relation}\` (${attributes[relation]?.target ?? relation}) is any of them.`,
      schema: { type: 'array', items: { type: 'string', pattern: SLUG_LIKE } },
      example: [sample],
    });
    switch (param) {
      case 'institution':
        return byKeyOrSlug('institutions', 'liaoning-university');
      case 'source':
        return byKeyOrSlug('source', 'china-news-network-liaoning');
      case 'section':
        return {
          name: 'section',
          in: 'query',
          required: false,
          style: 'form',
          explode: false,
          description: 'Sections, comma-separated.',
          schema: { type: 'array', items: { type: 'string', enum: attributes.section?.enum ?? [] } },
          example: [attributes.section?.enum?.[0] ?? 'news'],
        };
      case 'from':
      case 'to':
        return {
          name: param,
          in: 'query',
          required: false,
          description: param === 'from' ? 'Articles dated on or after this day.' : 'Articles dated on or before this day (not before `from`: 400).',
          schema: { type: 'string', format: 'date' },
          example: param === 'from' ? '2025-01-01' : '2025-12-31',
        };
      default:
        throw new Error(`openapi: no description of the article list parameter "${param}" (lib/article-query CONVENIENCE_PARAMS)`);
    }
  };

  return { locale, status, fallback, read, list, convenience };
};

const pathParam = (name: string, description: string, schema: Schema = { type: 'string' }) => ({ name, in: 'path', required: true, description, schema });

// ---- the document -----------------------------------------------------------------------------

export const buildOpenApi = (input: OpenApiInput): { fragment: OpenApiFragment; undescribed: RouteLike[] } => {
  const { models } = input;
  const schemas: Record<string, Schema> = { ...sharedSchemas(input), ...(input.attribution ? ATTRIBUTION_SCHEMAS : {}) };
  const build = modelSchemas(models, schemas);
  const mediaModel = models['plugin::upload.file'];
  schemas.Media = {
    type: 'object',
    description: 'An uploaded file. `url`, `previewUrl` and every format URL are absolute (PUBLIC_URL; S3_PUBLIC_URL with media on object storage).',
    required: ['id'],
    properties: { id: { type: 'integer' }, documentId: { type: 'string' }, ...(mediaModel ? { ...build.fields(mediaModel, { relations: false, inMedia: true }), ...build.system(mediaModel) } : {}) },
  };
  const params = queryParameters(input, models);
  const attributable = new Set(input.attribution?.responses === false ? [] : (input.attribution?.uids ?? []));
  const paths: Record<string, Record<string, Schema>> = {};
  const tags: OpenApiFragment['tags'] = [];
  const undescribed: RouteLike[] = [];
  const add = (route: RouteLike, operation: Schema) => {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  };

  for (const { uid, routes } of input.types) {
    const model = models[uid];
    if (!model) {
      undescribed.push(...routes);
      continue;
    }
    const { name, localized } = addTypeSchemas(uid, model, schemas, build, attributable.has(uid));
    const singular = model.info?.singularName ?? name.toLowerCase();
    const plural = model.info?.pluralName ?? `${singular}s`;
    const tag = model.info?.displayName ?? name;
    tags.push({ name: tag, ...(model.info?.description ? { description: model.info.description } : {}) });
    const slug = { type: 'string', ...(model.attributes.slug?.regex ? { pattern: model.attributes.slug.regex } : {}) };
    const id = pathParam('id', `The ${singular}'s documentId`);

    for (const route of routes) {
      const action = actionOf(route.handler);
      const { security, public: isPublic } = securityOf(route, input.publicActions);
      const access = isPublic ? 'Public: no authentication needed.' : 'Needs a bearer API token (Settings → API Tokens) allowed to do it.';
      const locale = localized ? [params.locale] : [];
      const fallback = localized && route.middlewares.includes('global::localized-reads') ? [params.fallback] : [];
      const convenience =
        action === 'find' && route.middlewares.includes(`${uid}-filters`)
          ? CONVENIENCE_PARAMS.map((param) => params.convenience(uid, param))
          : [];
      const base = { tags: [tag], security };
      const body = { required: true, content: { 'application/json': { schema: ref(`${name}Request`) } } };
      switch (`${route.method.toUpperCase()} ${action}`) {
        case 'GET find':
          add(route, {
            ...base,
            operationId: `list${pascal(plural)}`,
            summary: `List ${plural}`,
            description: `${access} The ${plural} of one locale${model.attributes.date ? ', newest first unless `sort` is given' : ''}.`,
            parameters: [...locale, ...fallback, ...convenience, params.status(false), ...params.read(uid), ...params.list(uid)],
            responses: { 200: json('OK', ref(`${name}ListResponse`)), ...errorResponses(400, 401, 403) },
          });
          break;
        case 'GET findOne':
          add(route, {
            ...base,
            operationId: `get${name}`,
            summary: `One ${singular} by documentId`,
            description: `${access} 404 when there is no ${singular} with this documentId in the locale.`,
            parameters: [id, ...locale, ...fallback, params.status(false), ...params.read(uid)],
            responses: { 200: json('OK', ref(`${name}Response`)), ...errorResponses(400, 401, 403, 404) },
          });
          break;
        case 'GET findBySlug':
          add(route, {
            ...base,
            operationId: `get${name}BySlug`,
            summary: `One ${singular} by slug`,
            description: `${access} The ${singular} with this slug in the locale; 404 when there is none.`,
            parameters: [pathParam('slug', `The ${singular}'s slug in the requested locale`, slug), ...locale, ...fallback, params.status(false), ...params.read(uid)],
            responses: { 200: json('OK', ref(`${name}Response`)), ...errorResponses(400, 401, 403, 404) },
          });
          break;
        case 'POST create':
          add(route, {
            ...base,
            operationId: `create${name}`,
            summary: `Create a ${singular}`,
            description: `${access} Creates the ${singular} in one locale (its other locales: PUT on its documentId).`,
            parameters: [...locale, params.status(true)],
            requestBody: body,
            responses: { 201: json('Created', ref(`${name}WriteResponse`)), ...errorResponses(400, 401, 403, 409) },
          });
          break;
        case 'PUT update':
          add(route, {
            ...base,
            operationId: `update${name}`,
            summary: `Update a ${singular}`,
            description: `${access} Updates (or adds) the ${singular}'s version in one locale.`,
            parameters: [id, ...locale, params.status(true)],
            requestBody: body,
            responses: { 200: json('OK', ref(`${name}WriteResponse`)), ...errorResponses(400, 401, 403, 404, 409) },
          });
          break;
        case 'DELETE delete':
          add(route, {
            ...base,
            operationId: `delete${name}`,
            summary: `Delete a ${singular}`,
            description: `${access} Deletes the ${singular}'s version in one locale; 204 also when there was none (Strapi answers a documentId it does not know the same way).`,
            parameters: [id, ...locale],
            responses: { 204: { description: 'Deleted, or nothing to delete (no body)' }, ...errorResponses(401, 403, 409) },
          });
          break;
        default:
          undescribed.push(route);
      }
    }
  }

  // The plugin's read route, registered once per attributable type (`/:contentType(article)/…`): one path.
  if (input.attribution) {
    const reads = input.attribution.routes.filter((route) => route.method.toUpperCase() === 'GET' && actionOf(route.handler) === 'findOne');
    undescribed.push(...input.attribution.routes.filter((route) => !reads.includes(route)));
    const names = (list: RouteLike[]) => [...new Set(list.map((route) => /:contentType\(([^)]+)\)/.exec(route.path)?.[1]).filter((value): value is string => Boolean(value)))];
    const all = names(reads);
    const open = names(reads.filter((route) => securityOf(route, input.publicActions).public));
    const closed = all.filter((name) => !open.includes(name));
    if (reads.length > 0) {
      tags.push({ name: 'Reprint attribution', description: 'strapi-plugin-reprint-attribution' });
      add(reads[0], {
        tags: ['Reprint attribution'],
        security: open.length > 0 ? [{}, { bearerAuth: [] }] : [{ bearerAuth: [] }],
        operationId: 'getAttribution',
        summary: "One document's attribution",
        description: `The attribution of a published document in one locale (of a draft: status=draft and an API token). Whoever may read the document may read it: ${
          open.length > 0 ? `public for ${open.join(', ')}` : 'no type is public'
        }${closed.length > 0 ? `; ${closed.join(', ')}: bearer token` : ''}. 404 when there is no such document.`,
        parameters: [
          pathParam('contentType', "The attributable content type's singular name", { type: 'string', enum: all }),
          pathParam('documentId', "The document's documentId"),
          params.locale,
          params.status(false),
        ],
        responses: { 200: json('OK', ref('AttributionResponse')), ...errorResponses(400, 401, 403, 404) },
      });
    }
  }

  // Routes of APIs without a content type.
  for (const route of input.apiRoutes ?? []) {
    const { security, public: isPublic } = securityOf(route, input.publicActions);
    if (route.method.toUpperCase() === 'GET' && route.handler === 'api::site.site.find' && input.labels) {
      schemas.SiteLabels = siteLabelsSchema(input.locales, input.labels);
      tags.push({ name: 'Site', description: 'What a site shows without hard-coding it' });
      add(route, {
        tags: ['Site'],
        security,
        operationId: 'getSiteLabels',
        summary: 'Locales and the names of sections and kinds',
        description: `${isPublic ? 'Public: no authentication needed. ' : ''}The configured locales (each named in its own language and in English, the default marked) and every section, source kind and institution kind named in every locale. Takes no query parameters (400).`,
        parameters: [],
        responses: { 200: json('OK', ref('SiteLabels')), ...errorResponses(400) },
      });
    } else {
      undescribed.push(route);
    }
  }

  const responses = Object.fromEntries(Object.values(ERROR_RESPONSES).map(([name, description]) => [name, json(description, ref('Error'))]));
  const securitySchemes = {
    bearerAuth: {
      type: 'http',
      scheme: 'bearer',
      description: input.registration
        ? 'An API token (admin: Settings → API Tokens), or a user JWT from /auth/local (PUBLIC_REGISTRATION=true).'
        : 'An API token (admin: Settings → API Tokens). Public reads need none.',
    },
  };
  return { fragment: { tags, paths, components: { schemas, responses, securitySchemes } }, undescribed };
};

/**
 * The documentation plugin's configuration (config/plugins.ts): the document's info, and the
 * plugins whose own description it merges: users-permissions (sign-up, login, users) only when
 * PUBLIC_REGISTRATION opens sign-up; else those routes answer 403 to the public and are left
 * out. (The reprint-attribution route is described with the app's routes, by buildOpenApi.)
 */
export const documentationConfig = ({ locales, registration }: { locales: string[]; registration: boolean }) => ({
  info: {
    version: '1.0.0',
    title: 'Newsroom CMS content API',
    description: `Articles, sources and institutions in ${locales.join(', ')}, with reprint attribution. Reads are public; writes need an API token.`,
  },
  externalDocs: { description: "Strapi's REST conventions", url: 'https://docs.strapi.io/cms/api/rest' },
  'x-strapi-config': {
    plugins: registration ? ['users-permissions'] : [],
    mutateDocumentation: withoutPlaceholders,
  },
});

/** Drops the documentation plugin's placeholder terms, contact and licence (none of them is this API's). */
export const withoutPlaceholders = (draft: { info?: Record<string, unknown> }) => {
  if (!draft.info) return;
  delete draft.info.termsOfService;
  delete draft.info.contact;
  delete draft.info.license;
};
